using NetTopologySuite.Geometries;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Shapes;

/// <summary>Overlay results tidied into what a department would export: polygons only, no crumbs.</summary>
static class Polygons
{
    public static long[] T = new long[6]; public static long[] N = new long[6];
    static T2 Timed<T2>(int i, Func<T2> f) { var sw = System.Diagnostics.Stopwatch.StartNew(); var r = f(); T[i] += sw.ElapsedTicks; N[i]++; return r; }
    public static Geometry Empty => GeoContext.Factory.CreatePolygon();

    /// <summary>The polygons of <paramref name="geometry"/> at least <paramref name="minArea"/> (square degrees) large.</summary>
    public static Geometry Keep(Geometry geometry, double minArea)
    {
        var parts = Enumerable.Range(0, geometry.NumGeometries)
            .Select(geometry.GetGeometryN)
            .OfType<Polygon>()
            .Where(p => p.Area >= minArea)
            .ToArray();
        return parts.Length switch
        {
            0 => Empty,
            1 => parts[0],
            _ => GeoContext.Factory.CreateMultiPolygon(parts),
        };
    }

    public static Geometry Union(IEnumerable<Geometry> geometries)
    {
        var list = geometries.Where(g => !g.IsEmpty).ToList();
        // Through the factory, so the union is OverlayNG on the product's precision grid.
        return list.Count == 0 ? Empty : Timed(2, () => Keep(GeoContext.Factory.BuildGeometry(list).Union(), 0));
    }

    /// <summary>
    /// <paramref name="geometry"/> minus <paramref name="other"/>, polygons only, skipping the overlay when there is
    /// nothing to cut. Overlays of touching polygons also return lines and points, which the next overlay refuses.
    /// </summary>
    public static Geometry Minus(Geometry geometry, Geometry other) =>
        other.IsEmpty || geometry.IsEmpty || !geometry.EnvelopeInternal.Intersects(other.EnvelopeInternal)
            ? geometry
            : Timed(0, () => Keep(geometry.Difference(other), 0));

    /// <summary>The polygons <paramref name="geometry"/> and <paramref name="other"/> share.</summary>
    public static Geometry Intersect(Geometry geometry, Geometry other) =>
        geometry.IsEmpty || other.IsEmpty || !geometry.EnvelopeInternal.Intersects(other.EnvelopeInternal)
            ? Empty
            : Timed(1, () => Keep(geometry.Intersection(other), 0));

    /// <summary>Approximate square metres of a small longitude/latitude geometry, for sizing and sliver checks.</summary>
    public static double SquareMetres(Geometry geometry)
    {
        if (geometry.IsEmpty)
        {
            return 0;
        }

        var (dx, dy) = Blobs.DegreesPerMetre(geometry.EnvelopeInternal.Centre.Y);
        return geometry.Area / (dx * dy);
    }
}
