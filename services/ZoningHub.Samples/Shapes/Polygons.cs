using NetTopologySuite.Geometries;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Shapes;

/// <summary>Overlay results tidied into what a department would export: polygons only, no crumbs.</summary>
static class Polygons
{
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

    /// <summary>
    /// <paramref name="geometry"/> minus <paramref name="other"/>, polygons only, skipping the overlay when there is
    /// nothing to cut. Overlays of touching polygons also return lines and points, which the next overlay refuses.
    /// </summary>
    public static Geometry Minus(Geometry geometry, Geometry other) =>
        other.IsEmpty || geometry.IsEmpty || !geometry.EnvelopeInternal.Intersects(other.EnvelopeInternal)
            ? geometry
            : Keep(geometry.Difference(other), 0);

    /// <summary>The polygons <paramref name="geometry"/> and <paramref name="other"/> share.</summary>
    public static Geometry Intersect(Geometry geometry, Geometry other) =>
        geometry.IsEmpty || other.IsEmpty || !geometry.EnvelopeInternal.Intersects(other.EnvelopeInternal)
            ? Empty
            : Keep(geometry.Intersection(other), 0);

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
