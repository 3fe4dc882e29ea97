using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>
/// Finds the conflicts between departments' layers within one county (DESIGN §4). Areal conflicts count only
/// above the sliver tolerance, judged on the whole overlap of the two features; project sites are judged by
/// <see cref="ForbiddenProjects"/>. A county can hold tens of thousands of farmland patches under a few detailed
/// redlines, so each redline is prepared and indexed once, and a patch that lies wholly inside a redline, or an overlap
/// wholly inside the county, is taken as it is instead of overlaid with all of its vertices.
/// </summary>
public static class ConflictDetection
{
    public const double DefaultSliverSquareMetres = 100.0;

    public static IReadOnlyList<DetectedConflict> Detect(SourceFeature county, IReadOnlyList<SourceFeature> overlapping,
        IReadOnlyList<DerivedUnit> units, double sliverSquareMetres = DefaultSliverSquareMetres)
    {
        var code = county.CountyCode ?? county.Id;
        var boundary = county.Geometry;
        var insideCounty = PreparedGeometryFactory.Prepare(boundary);
        var inCounty = overlapping
            .Where(f => f.Geometry.EnvelopeInternal.Intersects(boundary.EnvelopeInternal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        var redlines = inCounty.Where(f => f.Layer == Layers.Redline).ToList();
        var conflicts = new List<DetectedConflict>();

        // The county's piece of an area, all of it when the county covers it. Only the polygonal part: where the two
        // merely touch, the overlay also yields lines or points, and a collection of mixed dimensions cannot be overlaid further.
        Geometry InCounty(Geometry area) => insideCounty.Covers(area) ? area : Polygonal.Of(boundary.Intersection(area));

        // A reserve's area outside the redline is judged on the county's piece: the redlines that cover the rest of the
        // reserve need not be among this county's sources, so the whole of what lies outside them is not known here.
        var redlineArea = redlines.Count == 0 ? Polygonal.Empty : GeoContext.Factory.BuildGeometry(redlines.Select(r => r.Geometry)).Union();
        foreach (var reserve in inCounty.Where(IsReserveOrNationalPark))
        {
            var outside = Polygonal.Of(InCounty(Polygonal.Of(reserve.Geometry)).Difference(redlineArea));
            if (SliverTolerance.Measure(outside, sliverSquareMetres) is { } squareMetres)
            {
                conflicts.Add(new DetectedConflict(ConflictRules.ProtectedAreaOutsideRedline, reserve.Key, Layers.Redline, code, outside, squareMetres));
            }
        }

        // Two features that overlap in this county both meet it, so both are among its sources with their whole geometries:
        // the tolerance is judged on their whole overlap, and the county records its piece of it. A county border across
        // an overlap above the tolerance then opens the conflict in each county it lies in, however small each piece.
        void AddOverlap(string rule, SourceFeature a, (SourceFeature Feature, IPreparedGeometry Prepared) b)
        {
            var whole = Polygonal.Of(Overlap(b.Prepared, a.Geometry));
            if (SliverTolerance.Measure(whole, sliverSquareMetres) is { } wholeSquareMetres && InCounty(whole) is { IsEmpty: false } piece)
            {
                var squareMetres = ReferenceEquals(piece, whole) ? wholeSquareMetres : GaussKruger.AreaSquareMetres(piece);
                conflicts.Add(new DetectedConflict(rule, a.Key, b.Feature.Key, code, piece, squareMetres));
            }
        }

        // Most of a county's sources lie near it and only a few in it, so a feature is tested against the county only
        // once something overlaps it.
        bool MeetsCounty(SourceFeature feature) => insideCounty.Intersects(feature.Geometry);

        var redlineIndex = Index(redlines);
        foreach (var development in inCounty.Where(f => f.Layer is Layers.Farmland or Layers.UrbanDevelopmentBoundary))
        {
            if (Hits(redlineIndex, development) is { Count: > 0 } hits && MeetsCounty(development))
            {
                hits.ForEach(redline => AddOverlap(ConflictRules.DevelopmentOverlapsRedline, development, redline));
            }
        }

        var developmentIndex = Index([.. inCounty.Where(f => f.Layer is Layers.UrbanDevelopmentBoundary or Layers.IndustrialPark)]);
        foreach (var water in inCounty.Where(f => f.Layer == Layers.DrinkingWater && f.Text("grade") == "1"))
        {
            if (Hits(developmentIndex, water) is { Count: > 0 } hits && MeetsCounty(water))
            {
                hits.ForEach(development => AddOverlap(ConflictRules.WaterZoneOverlapsDevelopment, water, development));
            }
        }

        conflicts.AddRange(ForbiddenProjects.Detect(code, boundary, inCounty, units, sliverSquareMetres));
        return conflicts;
    }

    static STRtree<(SourceFeature Feature, IPreparedGeometry Prepared)> Index(IReadOnlyList<SourceFeature> features)
    {
        var index = new STRtree<(SourceFeature, IPreparedGeometry)>();
        foreach (var feature in features)
        {
            index.Insert(feature.Geometry.EnvelopeInternal, (feature, PreparedGeometryFactory.Prepare(feature.Geometry)));
        }

        return index;
    }

    /// <summary>The indexed features that meet <paramref name="feature"/>, in key order so conflicts come out in the same order every time.</summary>
    static List<(SourceFeature Feature, IPreparedGeometry Prepared)> Hits(STRtree<(SourceFeature Feature, IPreparedGeometry Prepared)> index, SourceFeature feature) =>
        [.. index.Query(feature.Geometry.EnvelopeInternal).Where(hit => hit.Prepared.Intersects(feature.Geometry)).OrderBy(hit => hit.Feature.Key, StringComparer.Ordinal)];

    /// <summary>Where <paramref name="area"/> lies in the prepared feature: all of it when covered, without an overlay.</summary>
    static Geometry Overlap(IPreparedGeometry feature, Geometry area) => feature.Covers(area) ? area : area.Intersection(feature.Geometry);

    static bool IsReserveOrNationalPark(SourceFeature f) =>
        f.Layer == Layers.NatureReserve || (f.Layer == Layers.NaturalPark && f.Text("kind") == "national-park");
}
