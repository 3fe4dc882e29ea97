using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>
/// Finds the conflicts between departments' layers within one county (DESIGN §4). Areal conflicts count only
/// above the sliver tolerance; a project site is a conflict whatever its size.
/// </summary>
public static class ConflictDetection
{
    public const double DefaultSliverSquareMetres = 100.0;

    public static IReadOnlyList<DetectedConflict> Detect(SourceFeature county, IReadOnlyList<SourceFeature> overlapping,
        IReadOnlyList<DerivedUnit> units, double sliverSquareMetres = DefaultSliverSquareMetres)
    {
        var code = county.CountyCode ?? county.Id;
        var boundary = county.Geometry;
        var inCounty = overlapping
            .Where(f => f.Geometry.EnvelopeInternal.Intersects(boundary.EnvelopeInternal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        var redlines = inCounty.Where(f => f.Layer == Layers.Redline).ToList();
        var conflicts = new List<DetectedConflict>();

        void AddIfAreal(string rule, SourceFeature a, string b, Geometry overlap)
        {
            var area = Polygonal.Of(overlap);
            if (Polygonal.ApproximateSquareMetres(area) >= sliverSquareMetres)
            {
                conflicts.Add(new DetectedConflict(rule, a.Key, b, code, area, GaussKruger.AreaSquareMetres(area)));
            }
        }

        var redlineArea = redlines.Count == 0 ? Polygonal.Empty : GeoContext.Factory.BuildGeometry(redlines.Select(r => r.Geometry)).Union();
        foreach (var reserve in inCounty.Where(IsReserveOrNationalPark))
        {
            AddIfAreal(ConflictRules.ProtectedAreaOutsideRedline, reserve, Layers.Redline,
                Within(boundary, reserve).Difference(redlineArea));
        }

        foreach (var development in inCounty.Where(f => f.Layer is Layers.Farmland or Layers.UrbanDevelopmentBoundary))
        {
            foreach (var redline in redlines.Where(r => r.Geometry.Intersects(development.Geometry)))
            {
                AddIfAreal(ConflictRules.DevelopmentOverlapsRedline, development, redline.Key,
                    Within(boundary, development).Intersection(redline.Geometry));
            }
        }

        foreach (var water in inCounty.Where(f => f.Layer == Layers.DrinkingWater && f.Text("grade") == "1"))
        {
            foreach (var development in inCounty.Where(f => f.Layer is Layers.UrbanDevelopmentBoundary or Layers.IndustrialPark && f.Geometry.Intersects(water.Geometry)))
            {
                AddIfAreal(ConflictRules.WaterZoneOverlapsDevelopment, water, development.Key,
                    Within(boundary, water).Intersection(development.Geometry));
            }
        }

        conflicts.AddRange(ForbiddenProjects(code, boundary, inCounty, units));
        return conflicts;
    }

    /// <summary>
    /// The feature's area inside the county. Only the polygonal part: where the two merely touch, the overlay
    /// also yields lines or points, and a collection of mixed dimensions cannot be overlaid further.
    /// </summary>
    static Geometry Within(Geometry boundary, SourceFeature feature) => Polygonal.Of(boundary.Intersection(feature.Geometry));

    static IEnumerable<DetectedConflict> ForbiddenProjects(string county, Geometry boundary, List<SourceFeature> features, IReadOnlyList<DerivedUnit> units)
    {
        foreach (var project in features.Where(f => f.Layer == Layers.EiaProject && IsApproved(f)))
        {
            var industry = project.Text("industry");
            if (string.IsNullOrEmpty(industry) || !project.Geometry.Intersects(boundary))
            {
                continue;
            }

            foreach (var unit in units.Where(u => u.Geometry.Intersects(project.Geometry)))
            {
                if (unit.AccessList.Any(rule => rule.ForbiddenIndustries.Any(code => Industry.Covers(code, industry))))
                {
                    var site = unit.Geometry.Intersection(project.Geometry);
                    yield return new DetectedConflict(ConflictRules.ProjectIndustryForbidden, project.Key, $"unit:{unit.Identity.Anchor}", county,
                        site, site is Polygon or MultiPolygon ? GaussKruger.AreaSquareMetres(site) : 0);
                }
            }
        }
    }

    static bool IsReserveOrNationalPark(SourceFeature f) =>
        f.Layer == Layers.NatureReserve || (f.Layer == Layers.NaturalPark && f.Text("kind") == "national-park");

    // Projects without a status are taken as approved: the EIA system only exports approved ones by default.
    static bool IsApproved(SourceFeature project) => project.Text("status") is null or "approved";
}
