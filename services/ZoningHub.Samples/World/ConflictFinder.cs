using System.Globalization;
using NetTopologySuite.Index.Strtree;
using ZoningHub.Samples.Shapes;

namespace ZoningHub.Samples.World;

/// <summary>
/// The conflicts between departments (DESIGN §4) that a state holds, found with plain geometry so the manifest
/// stays true after every stage's edits. Overlaps count from one hectare, well above any sliver tolerance. The
/// EIA rule is simplified to manufacturing (divisions 13–43) approved inside a redline or a grade-1 water zone,
/// which the access catalogue forbids; the hub may find more EIA conflicts than listed.
/// </summary>
static class ConflictFinder
{
    // The hub's rule ids (ZoningHub.Hub.Core.Conflicts.ConflictRules); a test keeps them equal.
    public const string ProtectedAreaOutsideRedline = "protected-area-outside-redline";
    public const string DevelopmentOverlapsRedline = "overlaps-redline";
    public const string WaterZoneOverlapsDevelopment = "grade-1-water-zone-overlaps-development";
    public const string ProjectIndustryForbidden = "eia-project-industry-forbidden";

    const double MinSquareMetres = 10_000;

    public static IReadOnlyList<SampleConflict> Find(SampleWorld world)
    {
        var redlines = Index(world, LayerIds.Redline, _ => true);
        var grade1 = Index(world, LayerIds.WaterZone, f => f.Properties["grade"] == "一级");
        var conflicts = new List<SampleConflict>();
        foreach (var layer in new[] { LayerIds.Farmland, LayerIds.UrbanBoundary })
        {
            Overlaps(world, layer, (redlines, LayerIds.Redline), DevelopmentOverlapsRedline, "overlaps the ecological redline", conflicts);
        }

        foreach (var layer in new[] { LayerIds.UrbanBoundary, LayerIds.IndustrialPark })
        {
            Overlaps(world, layer, (grade1, LayerIds.WaterZone), WaterZoneOverlapsDevelopment, "overlaps a grade-1 drinking-water zone", conflicts);
        }

        foreach (var (layer, area) in Features(world, LayerIds.NatureReserve).Select(f => (LayerIds.NatureReserve, f))
                     .Concat(Features(world, LayerIds.NaturalPark).Where(f => f.Properties["kind"] == "国家公园").Select(f => (LayerIds.NaturalPark, f))))
        {
            var outside = new Pieces(redlines.Query(area.Geometry.EnvelopeInternal).Select(r => r.Geometry)).CutFrom(area.Geometry);
            if (Polygons.SquareMetres(outside) >= MinSquareMetres)
            {
                conflicts.Add(new(ProtectedAreaOutsideRedline, $"{layer}/{area.Id}", null, $"{Polygons.SquareMetres(outside) / 10_000:0.0} ha lie outside the ecological redline"));
            }
        }

        foreach (var project in Features(world, LayerIds.EiaProject).Where(Forbidden))
        {
            foreach (var (index, layer) in new[] { (redlines, LayerIds.Redline), (grade1, LayerIds.WaterZone) })
            {
                if (index.Query(project.Geometry.EnvelopeInternal).FirstOrDefault(z => z.Geometry.Covers(project.Geometry)) is { } zone)
                {
                    conflicts.Add(new(ProjectIndustryForbidden, $"{LayerIds.EiaProject}/{project.Id}", $"{layer}/{zone.Id}", $"industry {project.Properties["industry"]} approved inside {layer}"));
                }
            }
        }

        return [.. conflicts.OrderBy(c => c.Rule, StringComparer.Ordinal).ThenBy(c => c.Feature, StringComparer.Ordinal).ThenBy(c => c.Other, StringComparer.Ordinal)];
    }

    static void Overlaps(SampleWorld world, string layer, (STRtree<SampleFeature> Index, string Layer) others, string rule, string what, List<SampleConflict> conflicts)
    {
        foreach (var feature in Features(world, layer))
        {
            foreach (var other in others.Index.Query(feature.Geometry.EnvelopeInternal).Where(o => o.Geometry.Intersects(feature.Geometry)))
            {
                var overlap = Polygons.SquareMetres(Polygons.Intersect(feature.Geometry, other.Geometry));
                if (overlap >= MinSquareMetres)
                {
                    conflicts.Add(new(rule, $"{layer}/{feature.Id}", $"{others.Layer}/{other.Id}", $"{overlap / 10_000:0.0} ha {what}"));
                }
            }
        }
    }

    static bool Forbidden(SampleFeature project) =>
        project.Properties["status"] == "已批复" && project.Properties["industry"] is { Length: 4 } code
        && int.TryParse(code[..2], CultureInfo.InvariantCulture, out var division) && division is >= 13 and <= 43;

    static IEnumerable<SampleFeature> Features(SampleWorld world, string layer) => world.Layers[layer].Where(f => !world.IsDefect(f));

    static STRtree<SampleFeature> Index(SampleWorld world, string layer, Func<SampleFeature, bool> filter)
    {
        var index = new STRtree<SampleFeature>();
        foreach (var feature in Features(world, layer).Where(filter))
        {
            index.Insert(feature.Geometry.EnvelopeInternal, feature);
        }

        index.Build();
        return index;
    }
}
