using NetTopologySuite.IO;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

public class CountyDerivation_Specs
{
    static SourceFeature CountyFeature(string wkt) =>
        ChangeSetValidator.Validate(County(Upsert("330106", wkt))).Upserts.Single();

    [Fact]
    public void Should_make_a_county_without_protected_features_one_general_unit_covering_it()
    {
        var unit = Assert.Single(CountyDerivation.Derive(CountyFeature(Square), [], AccessCatalogue.Default));

        Assert.Equal(new UnitIdentity("330106", UnitType.GeneralControl, "admin-division/330106"), unit.Identity);
        Assert.True(unit.Geometry.EqualsTopologically(new WKTReader(GeoContext.Services).Read(Square)));
        Assert.Equal(["admin-division/330106@v1"], unit.Sources);
        Assert.NotEmpty(unit.AccessList);
    }

    [Fact]
    public void Should_hash_content_not_ring_order()
    {
        var rotated = "POLYGON ((120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1, 120.2 30.1))";

        var a = CountyDerivation.Derive(CountyFeature(Square), [], AccessCatalogue.Default).Single();
        var b = CountyDerivation.Derive(CountyFeature(rotated), [], AccessCatalogue.Default).Single();
        var moved = CountyDerivation.Derive(CountyFeature("POLYGON ((120.1 30.1, 120.25 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1))"), [], AccessCatalogue.Default).Single();

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, moved.ContentHash);
    }

    [Theory]
    [InlineData("330106", UnitType.GeneralControl, 1, "ZH33010630001")]
    [InlineData("110101", UnitType.PriorityProtection, 42, "ZH11010110042")]
    public void Should_format_unit_codes_in_one_place(string county, UnitType type, int serial, string code) =>
        Assert.Equal(code, UnitCodes.Format(county, type, serial));
}
