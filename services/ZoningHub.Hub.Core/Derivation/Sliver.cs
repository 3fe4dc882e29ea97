using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// What is too little to make a unit of, or to be a source of one: an area under the sliver tolerance, or one nowhere
/// wider than two grid cells (2 cm), which is two departments drawing the same line apart, not an area of its own.
/// </summary>
static class Sliver
{
    static readonly double Cell = 1 / GeoContext.PrecisionScale;

    static readonly GeometryFactory Floating = new(new PrecisionModel(), GeoContext.Srid);

    /// <param name="pieces">Polygons of one area that do not overlap: a feature's part in the county, or an anchor's faces.</param>
    public static bool Is(IReadOnlyList<Geometry> pieces, double sliverSquareMetres) =>
        pieces.Count == 0 || pieces.Sum(Polygonal.ApproximateSquareMetres) < sliverSquareMetres || NowhereWiderThanTwoCells(pieces);

    /// <summary>
    /// Whether the part of <paramref name="feature"/> in <paramref name="county"/> is certainly more than a sliver, without
    /// computing it: a disc around the feature's interior point, wider than two cells and of more than twice the
    /// tolerance's area, lies in both. False says nothing: the part must be measured.
    /// </summary>
    public static bool HoldsMoreThan(IPreparedGeometry county, Geometry feature, double sliverSquareMetres)
    {
        var point = feature.InteriorPoint;
        if (point.IsEmpty)
        {
            return false;
        }

        // Metres per degree, the smaller of longitude's (at this latitude) and latitude's, so the disc's area is underestimated.
        var metresPerDegree = 110_540 * Math.Min(1, Math.Cos(point.Y * Math.PI / 180) * 111_320 / 110_540);
        var radius = Math.Max(2 * Cell, Math.Sqrt(2 * sliverSquareMetres / Math.PI) / metresPerDegree);
        return county.Covers(point)
            && county.Geometry.Boundary.Distance(point) > radius
            && feature.Boundary.Distance(point) > radius;
    }

    static bool NowhereWiderThanTwoCells(IReadOnlyList<Geometry> pieces)
    {
        // An area with no point over a cell from its edge lies within a cell of its edges: it is at most its perimeter
        // times a cell, and a cell's disc at each vertex. Most areas are far larger, and need no buffer to tell.
        if (pieces.Sum(p => p.Area) > pieces.Sum(p => Cell * (p.Length + 4 * Cell * p.NumPoints)))
        {
            return false;
        }

        // Shrunk without the grid, which would round a shrunken sliver to nothing or back to its edge.
        var area = pieces.Count == 1 ? pieces[0] : CoverageUnion.Union([.. pieces]);
        return Floating.CreateGeometry(area).Buffer(-Cell).IsEmpty;
    }
}
