using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

public class CountyDerivation_Specs
{
    static IReadOnlyList<DerivedUnit> Derive(params SourceFeature[] overlapping) =>
        CountyDerivation.Derive(County(), overlapping, AccessCatalogue.Default);

    static DerivedUnit UnitOf(IReadOnlyList<DerivedUnit> units, string anchor) => units.Single(u => u.Identity.Anchor == anchor);

    [Fact]
    public void Should_make_a_county_without_protected_features_one_general_unit_covering_it()
    {
        var unit = Assert.Single(Derive());

        Assert.Equal(new UnitIdentity("330106", UnitType.GeneralControl, "admin-division/330106"), unit.Identity);
        AssertSameArea(CountyWkt, unit.Geometry);
        Assert.Equal(["admin-division/330106@v1"], unit.Sources);
        Assert.NotEmpty(unit.AccessList);
    }

    [Fact]
    public void Should_give_a_reserve_its_priority_unit_and_leave_the_rest_general()
    {
        var units = Derive(Make(Layers.NatureReserve, "R1", Box(120, 30, 120.5, 31)));

        Assert.Equal([UnitType.PriorityProtection, UnitType.GeneralControl], units.Select(u => u.Identity.Type));
        AssertSameArea(Box(120, 30, 120.5, 31), UnitOf(units, "nature-reserve/R1").Geometry);
        AssertSameArea(Box(120.5, 30, 121, 31), UnitOf(units, "admin-division/330106").Geometry);
    }

    [Fact]
    public void Should_clip_features_to_the_county()
    {
        var units = Derive(Make(Layers.NatureReserve, "R1", Box(119.5, 30.5, 120.5, 31.5)));

        AssertSameArea(Box(120, 30.5, 120.5, 31), UnitOf(units, "nature-reserve/R1").Geometry);
    }

    [Fact]
    public void Should_leave_the_redline_only_what_higher_precedence_areas_do_not_take_as_one_unit()
    {
        var units = Derive(
            Make(Layers.Redline, "H2", Box(120.6, 30, 120.8, 30.2)),
            Make(Layers.Redline, "H1", Box(120.2, 30, 120.6, 30.5)),
            Make(Layers.NatureReserve, "R1", Box(120, 30, 120.4, 30.5)));

        var redline = UnitOf(units, "ecological-redline");
        AssertSameArea("MULTIPOLYGON (((120.4 30, 120.6 30, 120.6 30.5, 120.4 30.5, 120.4 30)), ((120.6 30, 120.8 30, 120.8 30.2, 120.6 30.2, 120.6 30)))",
            redline.Geometry.Union());
        Assert.Equal(["admin-division/330106@v1", "ecological-redline/H1@v1", "ecological-redline/H2@v1"], redline.Sources);
        AssertSameArea(Box(120, 30, 120.4, 30.5), UnitOf(units, "nature-reserve/R1").Geometry);
    }

    [Theory]
    [InlineData(Layers.NatureReserve, "", "", Layers.DrinkingWater, "grade", "1")]
    [InlineData(Layers.DrinkingWater, "grade", "1", Layers.DrinkingWater, "grade", "2")]
    [InlineData(Layers.NaturalPark, "kind", "national-park", Layers.NatureReserve, "", "")]
    [InlineData(Layers.DrinkingWater, "grade", "2", Layers.NaturalPark, "kind", "forest-park")]
    [InlineData(Layers.NaturalPark, "kind", "wetland-park", Layers.Redline, "", "")]
    public void Should_give_overlaps_to_the_higher_precedence_feature(string higher, string higherProperty, string higherValue,
        string lower, string lowerProperty, string lowerValue)
    {
        var units = Derive(
            Make(lower, "LOW", Box(120.2, 30.2, 120.8, 30.8), Props(lowerProperty, lowerValue)),
            Make(higher, "HIGH", Box(120, 30, 120.5, 30.5), Props(higherProperty, higherValue)));

        AssertSameArea(Box(120, 30, 120.5, 30.5), units.Single(u => u.Identity.Anchor.EndsWith("HIGH", StringComparison.Ordinal)).Geometry);
        AssertSameArea("POLYGON ((120.5 30.2, 120.8 30.2, 120.8 30.8, 120.2 30.8, 120.2 30.5, 120.5 30.5, 120.5 30.2))",
            units.Single(u => u.Identity.Anchor is var a && (a.EndsWith("LOW", StringComparison.Ordinal) || a == Layers.Redline)).Geometry);
    }

    [Fact]
    public void Should_make_key_units_from_what_priority_areas_leave_of_development_features()
    {
        var units = Derive(
            Make(Layers.IndustrialPark, "P1", Box(120.5, 30.5, 121, 31)),
            Make(Layers.UrbanDevelopmentBoundary, "U1", Box(120.3, 30.3, 120.7, 30.7)),
            Make(Layers.Redline, "H1", Box(120, 30, 120.4, 30.4)));

        AssertSameArea("POLYGON ((120.4 30.3, 120.7 30.3, 120.7 30.7, 120.3 30.7, 120.3 30.4, 120.4 30.4, 120.4 30.3))",
            UnitOf(units, "urban-development-boundary/U1").Geometry);
        AssertSameArea("POLYGON ((120.7 30.5, 121 30.5, 121 31, 120.5 31, 120.5 30.7, 120.7 30.7, 120.7 30.5))",
            UnitOf(units, "industrial-park/P1").Geometry);
        Assert.All(units.Where(u => u.Identity.Anchor.StartsWith("urban", StringComparison.Ordinal) || u.Identity.Anchor.StartsWith("industrial", StringComparison.Ordinal)),
            u => Assert.Equal(UnitType.KeyControl, u.Identity.Type));
    }

    [Fact]
    public void Should_not_make_units_of_farmland_projects_or_quasi_water_zones()
    {
        var units = Derive(
            Make(Layers.Farmland, "F1", Box(120, 30, 120.5, 30.5)),
            Make(Layers.EiaProject, "E1", "POINT (120.7 30.7)", ("industry", "C2511")),
            Make(Layers.DrinkingWater, "W1", Box(120.5, 30.5, 121, 31), ("grade", "quasi")));

        AssertSameArea(CountyWkt, Assert.Single(units).Geometry);
    }

    [Fact]
    public void Should_leave_slivers_to_the_general_unit()
    {
        var units = Derive(Make(Layers.NatureReserve, "R1", Box(120.999995, 30, 121.5, 30.000005)));

        AssertSameArea(CountyWkt, Assert.Single(units).Geometry);
    }

    [Fact]
    public void Should_derive_a_polygonal_coverage_of_the_county()
    {
        var units = Derive(
            Make(Layers.NatureReserve, "R1", "POLYGON ((120.1 30.1, 120.6 30.2, 120.4 30.7, 120.1 30.1))"),
            Make(Layers.Redline, "H1", "POLYGON ((120.3 30.05, 120.9 30.3, 120.5 30.9, 120.3 30.05))"),
            Make(Layers.DrinkingWater, "W1", Box(120.45, 30.4, 120.75, 30.6), ("grade", "1")),
            Make(Layers.UrbanDevelopmentBoundary, "U1", "POLYGON ((120.6 30.5, 121.2 30.55, 120.8 30.95, 120.6 30.5))"));

        var geometries = units.Select(u => u.Geometry).ToArray();
        Assert.All(CoverageValidator.Validate(geometries), invalid => Assert.True(invalid is null || invalid.IsEmpty, $"coverage edges do not match: {invalid}"));
        Assert.Empty(CoverageGapFinder.FindGaps(geometries, 0).Coordinates);
        Assert.Equal(County().Geometry.Area, geometries.Sum(g => g.Area), 1e-9);
        Assert.True(GeoContext.Factory.BuildGeometry(geometries).Union().EqualsTopologically(County().Geometry));
    }

    [Fact]
    public void Should_derive_the_same_units_whatever_order_the_features_come_in()
    {
        SourceFeature[] features =
        [
            Make(Layers.NatureReserve, "R1", Box(120, 30, 120.5, 30.5)),
            Make(Layers.NatureReserve, "R2", Box(120.3, 30.3, 120.8, 30.8)),
            Make(Layers.Redline, "H1", Box(120.2, 30, 121, 30.4)),
            Make(Layers.UrbanDevelopmentBoundary, "U1", Box(120.6, 30.6, 121, 31)),
        ];

        var expected = Derive(features).Select(u => (u.Identity, u.ContentHash)).ToList();
        for (var seed = 0; seed < 10; seed++)
        {
            var shuffled = features.OrderBy(_ => new Random(seed).Next()).ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(expected, Derive(shuffled).Select(u => (u.Identity, u.ContentHash)));
        }
    }

    [Fact]
    public void Should_add_the_anchor_layers_rules_to_the_type_base_list()
    {
        var units = Derive(Make(Layers.DrinkingWater, "W1", Box(120, 30, 120.5, 30.5), ("grade", "1")));

        var water = UnitOf(units, "drinking-water-source-zone/W1");
        Assert.Contains(water.AccessList, rule => rule.ForbiddenIndustries.Contains("C"));
        Assert.DoesNotContain(UnitOf(units, "admin-division/330106").AccessList, rule => rule.ForbiddenIndustries.Contains("C"));
    }

    [Fact]
    public void Should_hash_content_not_ring_order()
    {
        var a = CountyDerivation.Derive(County(CountyWkt), [], AccessCatalogue.Default).Single();
        var b = CountyDerivation.Derive(County("POLYGON ((121 30, 121 31, 120 31, 120 30, 121 30))"), [], AccessCatalogue.Default).Single();
        var moved = CountyDerivation.Derive(County("POLYGON ((120 30, 121.1 30, 121 31, 120 31, 120 30))"), [], AccessCatalogue.Default).Single();

        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, moved.ContentHash);
    }

    [Theory]
    [InlineData("330106", UnitType.GeneralControl, 1, "ZH33010630001")]
    [InlineData("110101", UnitType.PriorityProtection, 42, "ZH11010110042")]
    [InlineData("330106", UnitType.KeyControl, 10000, "ZH330106210000")]
    public void Should_format_unit_codes_in_one_place(string county, UnitType type, int serial, string code) =>
        Assert.Equal(code, UnitCodes.Format(county, type, serial));

    [Fact]
    public void Should_not_cite_a_neighbours_redline_that_only_shares_the_border()
    {
        var units = Derive(Make(Layers.Redline, "H1", Box(120.2, 30.2, 120.4, 30.4)), Make(Layers.Redline, "H2", Box(121, 30.2, 121.3, 30.4)));

        var redline = units.Single(u => u.Identity.Anchor == Layers.Redline);
        Assert.Contains("ecological-redline/H1@v1", redline.Sources);
        Assert.DoesNotContain("ecological-redline/H2@v1", redline.Sources);
    }

    [Fact]
    public void Should_hash_every_text_of_the_access_list_nodes_receive()
    {
        var identity = new UnitIdentity("330106", UnitType.GeneralControl, "admin-division/330106");
        var geometry = County().Geometry;
        string Hash(string english) => UnitContentHash.Compute(identity, geometry, 1, ["a"], [new AccessRule("spatial-layout", "禁止", english, ["C"])]);

        Assert.NotEqual(Hash("Forbidden"), Hash("Prohibited: all manufacturing"));
    }

    static (string, string)[] Props(string name, string value) => name.Length == 0 ? [] : [(name, value)];
}
