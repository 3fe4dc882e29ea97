using ZoningHub.Samples.Generators;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Stages;

/// <summary>
/// Stage 3: forestry designates a provincial nature reserve (two zones, 2019 system) in the last province's
/// first rural county without one, centred on the edge of its largest redline patch, so part of it lies outside.
/// </summary>
static class NewReserve
{
    public static void Add(SampleWorld world)
    {
        var last = world.Counties.Count == 0 ? null : world.Counties[^1].Province;
        var county = world.Counties
            .Where(c => c.Province == last)
            .Select(c => CountyLayers.Of(world, c))
            .FirstOrDefault(c => !c.IsUrbanDistrict && c[Layers.Redline].Count > 0 && c[Layers.NatureReserve].Count == 0);
        if (county is null)
        {
            return;
        }

        var random = world.Random($"{county.County.Code}/stage-3");
        var largest = county[Layers.Redline].MaxBy(f => f.Geometry.Area)!;
        var added = ReserveGenerator.Add(county, random, Blobs.PointOnBoundary(largest.Geometry, random), level: "省级", threeZones: false);
        world.Layers[Layers.NatureReserve].AddRange(added);
        StageEdits.Record(world, 3, Layers.NatureReserve, "added",
            $"New provincial reserve {(added.Count > 0 ? added[0].Properties["name"] : "")} in {county.County.Name}, straddling redline {largest.Id}.",
            [.. added.Select(f => f.Id)]);
    }
}
