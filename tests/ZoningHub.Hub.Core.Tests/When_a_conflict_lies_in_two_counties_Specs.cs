using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// A conflict's identity is (rule, feature A, feature B) per county (DetectedConflict): the hub keeps each county's piece
/// and opens and resolves it with that county's derivation, so the two pieces of one overlap must not share an id, or
/// one county's pass would overwrite or resolve the other's.
/// </summary>
public sealed class When_a_conflict_lies_in_two_counties
{
    [Fact]
    public void Should_give_each_countys_piece_its_own_identity()
    {
        var west = County();
        var east = Make(Layers.AdminDivision, "330107", Box(121, 30, 122, 31), ("county", "330107"));
        SourceFeature[] features = [Make(Layers.Redline, "H1", Box(120.5, 30.5, 121.5, 30.6)), Make(Layers.Farmland, "F1", Box(120.9, 30.5, 121.1, 30.55))];

        var ids = new[] { west, east }
            .Select(county => ConflictDetection.Detect(county, features, CountyDerivation.Derive(county, features, AccessCatalogue.Default)).Single())
            .Select(conflict => (conflict.County, conflict.Id))
            .ToList();

        Assert.Equal(["330106", "330107"], ids.Select(i => i.County));
        Assert.NotEqual(ids[0].Id, ids[1].Id);
    }
}
