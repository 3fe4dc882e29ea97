using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>
/// The sliver tolerance of conflicts (DESIGN §4), judged on the Gauss-Krüger area that a conflict records (DESIGN §3).
/// Judged on the cosine approximation instead, a conflict could be recorded with 99.5 m² against a 100 m² tolerance
/// near 20°N, where the approximation's sphere is wider than the ellipsoid, and one of 100.1 m² dropped near 50°N.
/// </summary>
public static class SliverTolerance
{
    /// <summary>
    /// The share of the tolerance under which the cosine approximation alone rejects an overlap, sparing the projection
    /// of the many slivers far below it. For any geometry within China the approximation is more than 0.6 of the
    /// Gauss-Krüger area: the sphere and the ellipsoid differ by under 1%, the envelope's middle latitude misjudges the
    /// parts of a geometry spread over China's 50° of latitude by under 15%, and a geometry spread over its 62° of
    /// longitude, measured in the zone of its centroid, is enlarged by the projection by under 40%.
    /// </summary>
    const double ApproximationMargin = 0.5;

    /// <summary>The Gauss-Krüger area of <paramref name="overlap"/>, or null when it is empty or under <paramref name="toleranceSquareMetres"/>.</summary>
    public static double? Measure(Geometry overlap, double toleranceSquareMetres)
    {
        if (overlap.IsEmpty || Polygonal.ApproximateSquareMetres(overlap) < toleranceSquareMetres * ApproximationMargin)
        {
            return null;
        }

        var area = GaussKruger.AreaSquareMetres(overlap);
        return area >= toleranceSquareMetres ? area : null;
    }
}
