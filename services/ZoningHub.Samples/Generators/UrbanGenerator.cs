using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;

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
        var seatShare = county.IsUrbanDistrict ? random.Range(0.20, 0.40) : random.Range(0.02, 0.05);
        Add(county, random, c.Seat.Coordinate, seatShare, $"{c.ShortName}中心城区城镇开发边界", overlapRedline: random.Chance(0.12));
        if (!county.IsUrbanDistrict && random.Chance(0.5)
            && Blobs.PointIn(Polygons.Minus(Polygons.Minus(c.Geometry, county.RedlineUnion), county.UrbanUnion), random) is { } town)
        {
            Add(county, random, town, random.Range(0.004, 0.01), $"{c.ShortName}{random.Pick(Names.Towns)}镇城镇开发边界", overlapRedline: false);
        }
    }

    static void Add(CountyLayers county, SampleRandom random, NetTopologySuite.Geometries.Coordinate centre, double share, string name, bool overlapRedline)
    {
        var radius = Math.Sqrt(county.County.AreaSquareMetres * share / Math.PI);
        var shape = Polygons.Intersect(Blobs.Around(centre, radius, random), county.County.Geometry);
        shape = Polygons.Minus(shape, county.UrbanUnion);
        if (!overlapRedline)
        {
            shape = Polygons.Minus(shape, county.RedlineUnion);
        }

        shape = Polygons.Keep(shape, county.MinPiece / 4);
        if (shape.IsEmpty)
        {
            return;
        }

        var serial = county[LayerIds.UrbanBoundary].Count + 1;
        county.Add(LayerIds.UrbanBoundary, $"KFBJ{county.County.Code}-{serial:00}", shape, ("name", name), ("county", county.County.Code));
        county.UrbanUnion = Polygons.Union([county.UrbanUnion, shape]);
    }
}
