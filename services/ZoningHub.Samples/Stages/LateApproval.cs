using ZoningHub.Samples.Generators;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Stages;

/// <summary>
/// Stage 4: the EIA system decides a project that was under review, and approves a new one in an industrial
/// park, both dated on the stage's export day.
/// </summary>
static class LateApproval
{
    public static void Approve(SampleWorld world)
    {
        var day = StageEdits.ExportDate(4);
        var pending = world.Layers[Layers.EiaProject]
            .Where(p => p.Properties["status"] == "审批中" && !world.IsDefect(p))
            .MinBy(p => p.Id, StringComparer.Ordinal);
        if (pending is not null)
        {
            world.Replace(Layers.EiaProject, pending, pending
                .With("status", Schema.Native(Layers.EiaProject, "status", "已批复"))
                .With("approvedOn", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            StageEdits.Record(world, 4, Layers.EiaProject, "approved", $"{pending.Id} moved from 审批中 to 已批复 on {day:yyyy-MM-dd}.", pending.Id);
        }

        var county = world.Counties.Select(c => CountyLayers.Of(world, c)).FirstOrDefault(c => c[Layers.IndustrialPark].Count > 0);
        if (county is null)
        {
            return;
        }

        var random = world.Random($"{county.County.Code}/stage-4");
        var park = county[Layers.IndustrialPark][0];
        if (ProjectGenerator.Add(county, random, Blobs.PointIn(park.Geometry, random), IndustryCodes.Light[1], "已批复", day) is { } project)
        {
            world.Layers[Layers.EiaProject].Add(project);
            StageEdits.Record(world, 4, Layers.EiaProject, "added", $"{project.Id} approved on {day:yyyy-MM-dd} in {park.Id}.", project.Id);
        }
    }
}
