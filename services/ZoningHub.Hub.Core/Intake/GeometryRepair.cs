using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>Repairs invalid areal geometry with NetTopologySuite's GeometryFixer and measures what that cost.</summary>
public static class GeometryRepair
{
    /// <returns>The repaired geometry (null when nothing areal is left) and the fraction by which its area differs.</returns>
    public static (Geometry? Fixed, double AreaChangeFraction) Fix(Geometry geometry)
    {
        if (geometry is Point)
        {
            return (null, 1);
        }

        var repaired = Polygonal.Of(GeometryFixer.Fix(geometry));
        if (repaired.IsEmpty)
        {
            return (null, 1);
        }

        // The shoelace area of a self-intersecting ring is what the department drew; a bow-tie cancels to 0 and is refused.
        var parts = Enumerable.Range(0, geometry.NumGeometries).Select(geometry.GetGeometryN).ToList();
        var drawnParts = parts.Select(Drawn).ToList();
        var drawn = drawnParts.Sum();
        return (repaired, drawn > 0 ? (parts.Count == 1 ? Math.Abs(repaired.Area - drawn) : PartsChange(parts, drawnParts)) / drawn : 1);
    }

    /// <summary>
    /// The area a part was drawn with: its shell's less its holes', where holes that partly overlap cut their overlap
    /// once, as the repair (their union) does; subtracted hole by hole it was cut twice (three times where three meet),
    /// and a repair that changed nothing was refused for it. A hole wholly inside another is not forgiven so: it may be an
    /// island meant as land, which the union makes water.
    /// </summary>
    static double Drawn(Geometry part)
    {
        if (part is not Polygon { NumInteriorRings: > 1 } polygon)
        {
            return part.Area;
        }

        var holes = polygon.InteriorRings.Select(ring => Polygonal.Of(GeometryFixer.Fix(part.Factory.CreatePolygon(ring.CoordinateSequence)))).ToList();
        var overlapping = holes.Where((_, i) => !InsideAnother(holes, i)).ToList();
        var cutMoreThanOnce = overlapping.Sum(hole => hole.Area) - part.Factory.BuildGeometry(overlapping).Union().Area;
        return part.Area + cutMoreThanOnce;
    }

    /// <summary>
    /// Measured part by part: parts that overlap each other are drawn twice over the overlap, and their union, which is the
    /// repair, loses nothing that was drawn (real counties' boundaries come so, and were refused for 0.1–0.4 %). A part
    /// wholly inside another is another matter, perhaps an enclave meant as a hole: the union would take it in whole, so it
    /// counts as lost.
    /// </summary>
    static double PartsChange(List<Geometry> parts, List<double> drawnParts)
    {
        var fixedParts = parts.Select(part => Polygonal.Of(GeometryFixer.Fix(part))).ToList();
        return fixedParts.Select((part, i) => Math.Abs(part.Area - drawnParts[i]) + (!part.IsEmpty && InsideAnother(fixedParts, i) ? part.Area : 0)).Sum();
    }

    /// <summary>Whether the <paramref name="i"/>th of <paramref name="geometries"/> lies wholly inside one of the others.</summary>
    static bool InsideAnother(List<Geometry> geometries, int i) =>
        geometries.Where((other, j) => j != i && other.EnvelopeInternal.Covers(geometries[i].EnvelopeInternal)).Any(other => other.Covers(geometries[i]));
}
