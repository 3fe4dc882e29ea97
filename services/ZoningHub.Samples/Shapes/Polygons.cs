using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Samples.Shapes;

/// <summary>Overlay results tidied into what a department would export: polygons only, no crumbs.</summary>
static class Polygons
{
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
            0 => Polygonal.Empty,
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
            ? Polygonal.Empty
            : Keep(geometry.Intersection(other), 0);
}
