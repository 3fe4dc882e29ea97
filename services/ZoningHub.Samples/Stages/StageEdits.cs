using ZoningHub.Samples.Source;
using ZoningHub.Samples.World;
// The class has a member named Layers: the hub's layer ids go by another name here.
using LayerId = ZoningHub.Hub.Core.Layers;

namespace ZoningHub.Samples.Stages;

/// <summary>
/// The later edits, one stage at a time, each on the state the stages before it left. Edits pick their
/// features by rule (the first county in code order with enough redlines…), never by id, so they work for
/// any seed and province list; an edit that finds no candidate is left out of the manifest.
/// </summary>
static class StageEdits
{
    public const int LastStage = 4;

    /// <summary>The layers a stage exports: every layer at 0, then the layers its edits change.</summary>
    public static IReadOnlyList<string> Layers(int stage) => stage switch
    {
        0 => LayerId.All,
        1 => [LayerId.Redline],
        2 => [LayerId.Redline, LayerId.IndustrialPark],
        3 => [LayerId.NatureReserve],
        4 => [LayerId.EiaProject],
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, $"Stages are 0 to {LastStage}."),
    };

    /// <summary>The day a stage's exports are dated (DBF headers, zip entries, late approvals): fortnightly from 2024-06-01.</summary>
    public static DateOnly ExportDate(int stage) => new DateOnly(2024, 6, 1).AddDays(14 * stage);

    public static void Apply(SampleWorld world, int stage)
    {
        switch (stage)
        {
            case 1:
                RedlineReshaping.Move(world, Pick(world, 0));
                RedlineReshaping.Split(world, Pick(world, 1));
                break;
            case 2:
                Deletions.DeleteRedline(world, Pick(world, 2));
                Deletions.DeleteIndustrialPark(world);
                break;
            case 3:
                NewReserve.Add(world);
                break;
            case 4:
                LateApproval.Approve(world);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, $"Stages are 1 to {LastStage}.");
        }
    }

    /// <summary>The n-th county (in code order) with at least three redline patches, so editing one leaves others.</summary>
    static County? Pick(SampleWorld world, int n) => world.Counties
        .Where(c => world.Layers[LayerId.Redline].Count(f => f.County == c.Code && !world.IsDefect(f)) >= 3)
        .Skip(n)
        .FirstOrDefault();

    public static void Record(SampleWorld world, int stage, string layer, string kind, string description, params string[] ids) =>
        world.Edits.Add(new SampleEdit(stage, Schema.Department(layer), layer, kind, ids, description));
}
