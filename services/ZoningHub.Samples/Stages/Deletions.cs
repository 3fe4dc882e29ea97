using ZoningHub.Samples.Source;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Stages;

/// <summary>Stage 2: a redline patch is withdrawn and an industrial park is abolished; both leave their layer's export.</summary>
static class Deletions
{
    public static void DeleteRedline(SampleWorld world, County? county)
    {
        if (county is null)
        {
            return;
        }

        var patch = CountyLayers.Of(world, county)[Layers.Redline][^1];
        world.Remove(Layers.Redline, patch);
        StageEdits.Record(world, 2, Layers.Redline, "deleted", $"{patch.Id} withdrawn from the redline of {county.Name}.", patch.Id);
    }

    /// <summary>The second park of the first county that has two, so the county keeps one.</summary>
    public static void DeleteIndustrialPark(SampleWorld world)
    {
        var park = world.Counties
            .Select(c => CountyLayers.Of(world, c)[Layers.IndustrialPark])
            .FirstOrDefault(parks => parks.Count >= 2)?[1];
        if (park is null)
        {
            return;
        }

        world.Remove(Layers.IndustrialPark, park);
        StageEdits.Record(world, 2, Layers.IndustrialPark, "deleted", $"{park.Id} ({park.Properties["name"]}) abolished; its projects stay in the EIA register.", park.Id);
    }
}
