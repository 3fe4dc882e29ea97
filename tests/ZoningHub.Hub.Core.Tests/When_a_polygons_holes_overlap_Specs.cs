using System.Globalization;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// Two holes of one polygon that partly overlap (two lakes drawn over each other, an invalid ring set) are repaired by
/// their union, which cuts what the department cut. The repair was measured against the shell less each hole's area,
/// which cuts the overlap twice, and so refused as a change of area that was not there: the 0.0004 square degrees
/// overlap below measured 5.9 %, against the 0.1 % allowed. A hole wholly inside another is still measured as lost:
/// it may be an island meant as land, which the union makes water, as a multipolygon's part inside another is.
/// </summary>
public class When_a_polygons_holes_overlap_Specs
{
    // A 0.1° square with two 0.04° holes overlapping over 0.02° × 0.02°.
    const string Overlapping = "POLYGON ((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1), "
        + "(120.12 30.12, 120.12 30.16, 120.16 30.16, 120.16 30.12, 120.12 30.12), "
        + "(120.14 30.14, 120.14 30.18, 120.18 30.18, 120.18 30.14, 120.14 30.14))";

    // The same square with a 0.04° hole and a 0.01° hole inside it.
    const string Nested = "POLYGON ((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1), "
        + "(120.12 30.12, 120.12 30.16, 120.16 30.16, 120.16 30.12, 120.12 30.12), "
        + "(120.13 30.13, 120.13 30.14, 120.14 30.14, 120.14 30.13, 120.13 30.13))";

    [Fact]
    public void Should_take_the_union_of_the_holes_as_no_change_of_area()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Overlapping)));

        Assert.True(result.Upserts.Count == 1, string.Join("; ", result.FeatureRejections.Select(r => r.Message)));
        var repair = Assert.Single(result.Repairs);
        Assert.True(repair.AreaChangeFraction < 1e-9, repair.AreaChangeFraction.ToString("P3", CultureInfo.InvariantCulture));
        Assert.Equal(0.01 - 0.0028, result.Upserts[0].Geometry.Area, 9);
    }

    [Fact]
    public void Should_still_refuse_a_hole_inside_another_as_a_lost_island()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Nested)));

        Assert.Empty(result.Upserts);
        Assert.Equal(RejectionRules.GeometryInvalid, Assert.Single(result.FeatureRejections).Rule);
    }
}
