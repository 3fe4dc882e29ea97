using NetTopologySuite.Index.Strtree;
using ZoningHub.Samples.Shapes;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Samples.World;

/// <summary>
/// The conflicts between departments (DESIGN §4) that a state holds, found with plain geometry so the manifest
/// stays true after every stage's edits. Overlaps count from one hectare, well above any sliver tolerance. The
/// EIA rule is simplified to manufacturing (divisions 13–43) approved inside a redline or a grade-1 water zone,
/// which the access catalogue forbids; the hub may find more EIA conflicts than listed.
/// </summary>
static class ConflictFinder
{
    const double MinSquareMetres = 10_000;

    public static IReadOnlyList<SampleConflict> Find(SampleWorld world)
    {
        var redlines = Index(world, Layers.Redline, _ => true);
        var grade1 = Index(world, Layers.DrinkingWater, f => f.Properties["grade"] == "一级");
        var conflicts = new List<SampleConflict>();
        foreach (var layer in new[] { Layers.Farmland, Layers.UrbanDevelopmentBoundary })
        {
            Overlaps(world, layer, (redlines, Layers.Redline), ConflictRules.DevelopmentOverlapsRedline, "overlaps the ecological redline", conflicts);
        }

        foreach (var layer in new[] { Layers.UrbanDevelopmentBoundary, Layers.IndustrialPark })
        {
            Overlaps(world, layer, (grade1, Layers.DrinkingWater), ConflictRules.WaterZoneOverlapsDevelopment, "overlaps a grade-1 drinking-water zone", conflicts);
        }

        foreach (var (layer, area) in Features(world, Layers.NatureReserve).Select(f => (Layers.NatureReserve, f))
                     .Concat(Features(world, Layers.NaturalPark).Where(f => f.Properties["kind"] == "国家公园").Select(f => (Layers.NaturalPark, f))))
        {
            var outside = new Pieces(redlines.Query(area.Geometry.EnvelopeInternal).Select(r => r.Geometry)).CutFrom(area.Geometry);
            if (Polygonal.ApproximateSquareMetres(outside) >= MinSquareMetres)
            {
                conflicts.Add(new(ConflictRules.ProtectedAreaOutsideRedline, $"{layer}/{area.Id}", null, $"{Polygonal.ApproximateSquareMetres(outside) / 10_000:0.0} ha lie outside the ecological redline"));
            }
        }

        foreach (var project in Features(world, Layers.EiaProject).Where(Forbidden))
        {
            foreach (var (index, layer) in new[] { (redlines, Layers.Redline), (grade1, Layers.DrinkingWater) })
            {
                if (index.Query(project.Geometry.EnvelopeInternal).FirstOrDefault(z => z.Geometry.Covers(project.Geometry)) is { } zone)
                {
                    conflicts.Add(new(ConflictRules.ProjectIndustryForbidden, $"{Layers.EiaProject}/{project.Id}", $"{layer}/{zone.Id}", $"industry {project.Properties["industry"]} approved inside {layer}"));
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
                var overlap = Polygonal.ApproximateSquareMetres(Polygons.Intersect(feature.Geometry, other.Geometry));
                if (overlap >= MinSquareMetres)
                {
                    conflicts.Add(new(rule, $"{layer}/{feature.Id}", $"{others.Layer}/{other.Id}", $"{overlap / 10_000:0.0} ha {what}"));
                }
            }
        }
    }

    static bool Forbidden(SampleFeature project) =>
        project.Properties["status"] == "已批复" && project.Properties["industry"] is { } industry && ZoningHub.Hub.Core.Conflicts.Industry.Covers("C", industry);

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
