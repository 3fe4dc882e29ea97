using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>The EIA system: industrial parks at the edge of towns, then the projects it approved in and outside them.</summary>
static class EiaGenerator
{
    public static void Generate(CountyLayers county, Func<string, SampleRandom> random)
    {
        var parks = random(Layers.IndustrialPark);
        var c = county.County;
        var blocked = county.Redlines.With(county.Grade1);
        var count = parks.Weighted((0, 0.15), (1, 0.55), (2, 0.3));
        for (var i = 1; i <= count; i++)
        {
            var centre = !county.Urban.IsEmpty && parks.Chance(0.6)
                ? county.Urban.PointOnBoundary(parks)
                : Blobs.PointIn(c.Geometry, parks, blocked.With(county.Urban));
            if (centre is null)
            {
                continue;
            }

            var shape = Polygons.Keep(blocked.CutFrom(Polygons.Intersect(Blobs.Around(centre, parks.Range(800, 2500), parks), c.Geometry)), county.MinPiece / 10);
            if (shape.IsEmpty)
            {
                continue;
            }

            var serial = county[Layers.IndustrialPark].Count + 1;
            var name = serial == 1 ? $"{c.ShortName}经济开发区" : $"{c.ShortName}{parks.Pick(Names.Towns)}工业园区";
            county.Add(Layers.IndustrialPark, $"YQ{c.Code}-{serial:00}", shape, ("name", name), ("county", c.Code));
            blocked = blocked.With(shape);
        }

        ProjectGenerator.Generate(county, random(Layers.EiaProject));
    }
}
