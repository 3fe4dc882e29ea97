using NetTopologySuite.Geometries;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// Urban development boundaries: the county seat's town and sometimes a second town, kept out of the redline
/// except where a plan overlapped it on purpose (the hub's <c>overlaps-redline</c> conflict).
/// </summary>
static class UrbanGenerator
{
    public static void Generate(CountyLayers county, SampleRandom random)
    {
        var c = county.County;
        var seatShare = county.IsUrbanDistrict ? random.Range(0.20, 0.40) : random.Range(0.03, 0.06);
        Add(county, random, c.Seat.Coordinate, seatShare, $"{c.ShortName}中心城区城镇开发边界", overlapRedline: random.Chance(0.12));
        if (!county.IsUrbanDistrict && random.Chance(0.5) && Blobs.PointIn(c.Geometry, random, county.Redlines.With(county.Urban)) is { } town)
        {
            Add(county, random, town, random.Range(0.004, 0.01), $"{c.ShortName}{random.Pick(Names.Towns)}镇城镇开发边界", overlapRedline: false);
        }
    }

    static void Add(CountyLayers county, SampleRandom random, Coordinate centre, double share, string name, bool overlapRedline)
    {
        var radius = Math.Sqrt(county.County.AreaSquareMetres * share / Math.PI);
        var cut = overlapRedline ? county.Urban : county.Urban.With(county.Redlines);
        var shape = Polygons.Keep(cut.CutFrom(Polygons.Intersect(Blobs.Around(centre, radius, random), county.County.Geometry)), county.MinPiece / 4);
        if (shape.IsEmpty)
        {
            return;
        }

        var serial = county[Layers.UrbanDevelopmentBoundary].Count + 1;
        county.Add(Layers.UrbanDevelopmentBoundary, $"KFBJ{county.County.Code}-{serial:00}", shape, ("name", name), ("county", county.County.Code));
    }
}
