using NetTopologySuite.Geometries;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// A nature reserve as forestry exports it: one feature per functional zone, either the older three zones
/// (核心区, 缓冲区, 实验区) or the two of the 2019 reform (核心保护区, 一般控制区). The core is centred in or
/// at the edge of the redline and the outer zones reach beyond it, as many reserves drawn before the redline do.
/// </summary>
static class ReserveGenerator
{
    public static IReadOnlyList<SampleFeature> Add(CountyLayers county, SampleRandom random, Coordinate centre, string? level, bool threeZones)
    {
        var c = county.County;
        level ??= random.Weighted(("国家级", 0.2), ("省级", 0.45), ("市级", 0.15), ("县级", 0.2));
        var name = $"{c.ShortName}{random.Pick(Names.Places)}{Schema.Native(Layers.NatureReserve, "level", level)}自然保护区";
        var core = random.Range(800, 2000);
        var rings = threeZones
            ? new[] { ("核心区", core), ("缓冲区", core * 1.7), ("实验区", core * random.Range(2.4, 3.2)) }
            : [("核心保护区", core), ("一般控制区", core * random.Range(2, 3))];
        var number = county[Layers.NatureReserve].Select(f => f.Id[..^2]).Distinct().Count() + 1;
        var added = new List<SampleFeature>();
        var inner = Pieces.None;
        for (var i = 0; i < rings.Length; i++)
        {
            var (zone, radius) = rings[i];
            var shape = Polygons.Keep(inner.CutFrom(Polygons.Intersect(Blobs.Around(centre, radius, random), c.Geometry)), county.MinPiece / 20);
            if (shape.IsEmpty)
            {
                continue;
            }

            added.Add(county.Add(Layers.NatureReserve, $"ZR{c.Code}{number:00}-{i + 1}", shape,
                ("name", name), ("level", level), ("zone", Schema.Native(Layers.NatureReserve, "zone", zone))));
            inner = inner.With(shape);
        }

        return added;
    }
}
