using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>
/// Approved EIA projects that lie in a unit whose access list forbids their industry (DESIGN §4).
/// A footprint lies in a unit where its part there reaches the sliver tolerance, or half the footprint when that is
/// less: a footprint drawn along a redline's edge, its sides a centimetre over it, does not lie in the redline, while a
/// footprint under twice the tolerance, which might reach it nowhere, lies wherever at least half of it lies.
/// A point site lies in one unit only (<see cref="SiteLocation"/>): on the edge between two, the eastern one. Taken to
/// lie in both, a site placed on a redline's edge to show that it keeps out would be flagged, which a footprint drawn
/// there is not; taken to lie in neither, a site on the edge between two forbidding units would escape both.
/// </summary>
static class ForbiddenProjects
{
    public static IEnumerable<DetectedConflict> Detect(string county, Geometry boundary, IEnumerable<SourceFeature> features,
        IReadOnlyList<DerivedUnit> units, double sliverSquareMetres)
    {
        foreach (var project in features.Where(f => f.Layer == Layers.EiaProject && IsApproved(f)))
        {
            var industry = project.Text("industry");
            if (string.IsNullOrEmpty(industry) || !project.Geometry.Intersects(boundary))
            {
                continue;
            }

            var forbidding = units.Where(u => Forbids(u, industry) && u.Geometry.Intersects(project.Geometry));
            var sites = project.Geometry is Point point ? AtPoint(point, forbidding) : InFootprint(project.Geometry, forbidding, sliverSquareMetres);
            foreach (var (unit, site, squareMetres) in sites)
            {
                yield return new DetectedConflict(ConflictRules.ProjectIndustryForbidden, project.Key, $"unit:{unit.Identity.Anchor}", county, site, squareMetres);
            }
        }
    }

    static IEnumerable<(DerivedUnit Unit, Geometry Site, double SquareMetres)> AtPoint(Point point, IEnumerable<DerivedUnit> forbidding) =>
        forbidding.Where(u => SiteLocation.LiesIn(u.Geometry, point.Coordinate)).Select(u => (u, (Geometry)point, 0.0));

    static IEnumerable<(DerivedUnit Unit, Geometry Site, double SquareMetres)> InFootprint(Geometry footprint, IEnumerable<DerivedUnit> forbidding,
        double sliverSquareMetres)
    {
        var tolerance = new Lazy<double>(() => Math.Min(sliverSquareMetres, GaussKruger.AreaSquareMetres(footprint) / 2));
        foreach (var unit in forbidding)
        {
            var site = Polygonal.Of(unit.Geometry.Intersection(footprint));
            if (SliverTolerance.Measure(site, tolerance.Value) is { } squareMetres)
            {
                yield return (unit, site, squareMetres);
            }
        }
    }

    static bool Forbids(DerivedUnit unit, string industry) =>
        unit.AccessList.Any(rule => rule.ForbiddenIndustries.Any(code => Industry.Covers(code, industry)));

    // Projects without a status are taken as approved: the EIA system only exports approved ones by default.
    static bool IsApproved(SourceFeature project) => project.Text("status") is null or "approved";
}
