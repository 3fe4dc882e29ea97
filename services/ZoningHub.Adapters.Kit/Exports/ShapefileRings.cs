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
    /// <summary>
    /// The shape with each hole in the smallest shell that contains it; a hole no shell contains stays where it was. A hole
    /// may come first, or before its shell, where the reader takes it for a shell. As GDAL reads them, by how deeply it
    /// lies: a counter-clockwise ring (the Shapefile's holes run counter-clockwise, its shells clockwise) inside an odd
    /// number of the record's other rings is a hole, wherever it comes; inside an even number, an island in a lake, a shell.
    /// </summary>
    public static Geometry? PlaceHoles(Geometry? shape)
    {
        if (shape is not MultiPolygon parts)
        {
            return shape;
        }

        var polygons = parts.Geometries.Cast<Polygon>().ToList();
        if (!polygons.Any(p => p.NumInteriorRings > 0 || Orientation.IsCCW(p.Shell.CoordinateSequence)))
        {
            return shape;
        }

        var rings = polygons.SelectMany(p => p.Holes.Prepend(p.Shell)).ToList();
        var shells = polygons.Where(p => !IsHole(p.Shell, rings)).ToList();
        var holes = shells.Select(_ => new List<LinearRing>()).ToList();
        var bySize = Enumerable.Range(0, shells.Count).OrderBy(i => Area.OfRing(shells[i].Shell.CoordinateSequence)).ToList();
        foreach (var polygon in polygons)
        {
            var own = shells.IndexOf(polygon);
            foreach (var hole in own >= 0 ? polygon.Holes : [polygon.Shell, .. polygon.Holes])
            {
                var home = bySize.FirstOrDefault(i => Contains(shells[i].Shell, hole), -1);
                holes[home >= 0 ? home : own >= 0 ? own : bySize[^1]].Add(hole);
            }
        }

        var factory = shape.Factory;
        return factory.CreateMultiPolygon([.. shells.Select((p, i) => factory.CreatePolygon(p.Shell, [.. holes[i]]))]);
    }

    /// <summary>A ring the reader made a shell that is a hole: counter-clockwise, and inside an odd number of the record's other rings.</summary>
    static bool IsHole(LinearRing ring, List<LinearRing> rings) =>
        Orientation.IsCCW(ring.CoordinateSequence) && rings.Count(other => other != ring && Contains(other, ring)) % 2 == 1;

    /// <summary>
    /// By the hole's first vertex off the shell's line (a hole may touch its shell at a point): a point test, which an
    /// invalid shell (a bow-tie) cannot make throw, unlike the overlay predicates.
    /// </summary>
    static bool Contains(LinearRing shell, LinearRing hole) =>
        shell.EnvelopeInternal.Covers(hole.EnvelopeInternal)
        && hole.Coordinates.Select(c => PointLocation.LocateInRing(c, shell.Coordinates)).FirstOrDefault(l => l != Location.Boundary, Location.Interior)
            == Location.Interior;
}
