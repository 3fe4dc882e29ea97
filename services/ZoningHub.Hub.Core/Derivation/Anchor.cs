using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>What one unit is made from: a feature, or for the redline all of the layer's features in the county.</summary>
sealed record Anchor(string Key, AnchorRole Role, IReadOnlyList<SourceFeature> Features, Geometry Area)
{
    public IPreparedGeometry Prepared { get; } = PreparedGeometryFactory.Prepare(Area);

    /// <summary>The anchors within the county in precedence order (ties by feature id, so arrival order never matters).</summary>
    public static IReadOnlyList<Anchor> WithinCounty(Geometry county, IReadOnlyList<SourceFeature> overlapping, double sliverSquareMetres)
    {
        var inCounty = PreparedGeometryFactory.Prepare(county);
        return overlapping
            .Select(feature => (Feature: feature, Role: AnchorRole.Of(feature)))
            .Where(c => c.Role is not null && c.Feature.Geometry is Polygon or MultiPolygon && LiesIn(inCounty, c.Feature.Geometry, sliverSquareMetres))
            .OrderBy(c => c.Role!.Precedence).ThenBy(c => c.Feature.Id, StringComparer.Ordinal)
            .GroupBy(c => c.Role!.MergesLayer ? c.Feature.Layer : c.Feature.Key)
            .Select(group =>
            {
                var features = group.Select(c => c.Feature).ToList();
                var area = features.Count == 1 ? features[0].Geometry : GeoContext.Factory.BuildGeometry(features.Select(f => f.Geometry)).Union();
                return new Anchor(group.Key, group.First().Role!, features, area);
            })
            .ToList();
    }

    /// <summary>
    /// Whether more than a sliver of the feature lies in the county. A neighbour's feature that shares the border, or
    /// was drawn a centimetre over it, is no source of this county's units: citing it would make each of its edits a new
    /// version here, and its boundary would leave vertices in units that do not cite it.
    /// </summary>
    static bool LiesIn(IPreparedGeometry county, Geometry feature, double sliverSquareMetres)
    {
        if (!county.Intersects(feature))
        {
            return false;
        }

        if (county.Covers(feature))
        {
            return !Sliver.Is([feature], sliverSquareMetres);
        }

        // Most features that meet a county lie deep in it: a disc around the feature's interior point that fits in both is
        // no sliver, and finding that takes two distances, where the part itself takes an overlay of every vertex (a third
        // of a county's derivation for a detailed redline that crosses its border).
        if (Sliver.HoldsMoreThan(county, feature, sliverSquareMetres))
        {
            return true;
        }

        return !Sliver.Is([Polygonal.Of(county.Geometry.Intersection(feature))], sliverSquareMetres);
    }
}
