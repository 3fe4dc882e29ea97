using NetTopologySuite.Operation.Union;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// Parts of one multipolygon that overlap make it invalid, and the repair is their union: every point the department drew
/// stays, and nothing is added. The shoelace sum of the parts counts the overlap twice, so measured against it the union
/// seems to lose the overlap; ten coded counties of the national boundary file are refused that way (320302 by "0.417 %"),
/// though the same parts sent as features of one county are taken and united (CountyBoundary).
/// </summary>
public class When_a_multipolygons_parts_overlap_Specs
{
    // Two 0.1° squares that share a strip 0.001° wide: 0.5 % of what they cover.
    const string Overlapping = "MULTIPOLYGON (((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1)), ((120.199 30.1, 120.299 30.1, 120.299 30.2, 120.199 30.2, 120.199 30.1)))";

    [Fact]
    public void Should_repair_them_to_their_union_without_counting_the_overlap_as_lost_area()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Overlapping)));

        Assert.True(result.FeatureRejections.Count == 0, string.Join("; ", result.FeatureRejections.Select(r => r.Message)));
        var feature = Assert.Single(result.Upserts);
        Assert.Equal(UnaryUnionOp.Union(Features.Read(Overlapping)).Area, feature.Geometry.Area, 1e-12);
        Assert.InRange(Assert.Single(result.Repairs).AreaChangeFraction, 0, 1e-9);
    }

    [Theory]
    [InlineData("320302")]
    [InlineData("420113")]
    [InlineData("510124")]
    public void Should_take_a_real_county_whose_parts_overlap(string code)
    {
        var counties = SharedData.Counties("china-counties.simplified.geojson");
        var county = counties with { Features = [.. counties.Features.Where(f => f.Id == code)] };

        var result = ChangeSetValidator.Validate(county);

        Assert.True(result.FeatureRejections.Count == 0, string.Join("; ", result.FeatureRejections.Select(r => r.Message)));
        Assert.Single(result.Upserts);
    }
}
