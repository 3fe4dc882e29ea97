using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// "The order of rings in the points array is not significant" (ESRI Shapefile Technical Description, 1998, Polygon):
/// a hole belongs to the shell that contains it, wherever it comes in the record. The reader's IgnoreInvalidShapes mode
/// puts each hole in the shell before it, so shell A, shell B, hole of A gave B a hole outside it: an invalid polygon the
/// hub repaired by filling the enclave in. Its FixInvalidShapes mode would place holes, but turns a bow-tie into an empty
/// geometry the hub can no longer quarantine with its reason; so the rings are placed here, as GDAL does.
/// </summary>
static class ShapefileRings
{
    /// <summary>The shape with each hole in the smallest shell that contains it; a hole no shell contains stays where it was.</summary>
    public static Geometry? PlaceHoles(Geometry? shape)
    {
        if (shape is not MultiPolygon parts || !parts.Geometries.Cast<Polygon>().Any(p => p.NumInteriorRings > 0))
        {
            return shape;
        }

        var polygons = parts.Geometries.Cast<Polygon>().ToList();
        var holes = polygons.Select(_ => new List<LinearRing>()).ToList();
        var bySize = Enumerable.Range(0, polygons.Count).OrderBy(i => Area.OfRing(polygons[i].Shell.CoordinateSequence)).ToList();
        for (var part = 0; part < polygons.Count; part++)
        {
            foreach (var hole in polygons[part].Holes)
            {
                var home = bySize.FirstOrDefault(i => Contains(polygons[i].Shell, hole), -1);
                holes[home >= 0 ? home : part].Add(hole);
            }
        }

        var factory = shape.Factory;
        return factory.CreateMultiPolygon([.. polygons.Select((p, i) => factory.CreatePolygon(p.Shell, [.. holes[i]]))]);
    }

    /// <summary>
    /// By the hole's first vertex off the shell's line (a hole may touch its shell at a point): a point test, which an
    /// invalid shell (a bow-tie) cannot make throw, unlike the overlay predicates.
    /// </summary>
    static bool Contains(LinearRing shell, LinearRing hole) =>
        shell.EnvelopeInternal.Covers(hole.EnvelopeInternal)
        && hole.Coordinates.Select(c => PointLocation.LocateInRing(c, shell.Coordinates)).FirstOrDefault(l => l != Location.Boundary, Location.Interior)
            == Location.Interior;
}
