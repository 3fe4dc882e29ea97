using System.Globalization;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// Holes that overlap are repaired by their union, which cuts what the department cut. GeometryRepair.Drawn adds back
/// each pair's overlap once, which is the union only for two holes: where three overlap, their common part is added back
/// three times where the union cuts it once, so the drawn area comes out larger than the union leaves, and a repair that
/// changed nothing is refused. Here the three 0.04° holes share a 0.02° square: 5.4 % against the 0.1 % allowed.
/// </summary>
public class When_three_holes_of_a_polygon_overlap_Specs
{
    // A 0.1° square with three 0.04° holes, each overlapping the other two, all three over 120.14–120.16, 30.14–30.16.
    const string ThreeOverlapping = "POLYGON ((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1), "
        + "(120.12 30.12, 120.12 30.16, 120.16 30.16, 120.16 30.12, 120.12 30.12), "
        + "(120.14 30.14, 120.14 30.18, 120.18 30.18, 120.18 30.14, 120.14 30.14), "
        + "(120.13 30.13, 120.13 30.17, 120.17 30.17, 120.17 30.13, 120.13 30.13))";

    [Fact]
    public void Should_take_the_union_of_the_holes_as_no_change_of_area()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", ThreeOverlapping)));

        Assert.True(result.Upserts.Count == 1, string.Join("; ", result.FeatureRejections.Select(r => r.Message)));
        var repair = Assert.Single(result.Repairs);
        Assert.True(repair.AreaChangeFraction < 1e-9, repair.AreaChangeFraction.ToString("P3", CultureInfo.InvariantCulture));
        // The union of the holes: 3 × 0.0016 less the pairs' 0.0004 + 0.0009 + 0.0009, plus the 0.0004 all three share.
        Assert.Equal(0.01 - 0.0030, result.Upserts[0].Geometry.Area, 9);
    }
}
