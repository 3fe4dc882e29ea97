using ZoningHub.Geo;
using ZoningHub.Samples.Source;
using ZoningHub.Samples.Stages;
using ZoningHub.Samples.World;
using ZoningHub.Samples.Writing;

namespace ZoningHub.Samples;

/// <summary>
/// Writes realistic department exports, in each department's native schema, format and projection, drawn over
/// the real county boundaries of some provinces: stage 0 is every layer's first export, stages 1 … <see cref="LastStage"/>
/// are later edits (a redline moved and one split, deletions, a new nature reserve, a late EIA approval), each
/// written as full exports of the layers it changed. Deterministic: the same options give byte-identical files.
/// </summary>
public static class SampleExports
{
    public const int LastStage = StageEdits.LastStage;

    /// <summary>
    /// Writes <c>&lt;outputRoot&gt;/&lt;department&gt;/&lt;layer&gt;/&lt;layer&gt;-sNN.geojson|.zip</c> for one stage and
    /// <c>&lt;outputRoot&gt;/manifest-sNN.json</c>; the department folders are laid out as adapters' inboxes are.
    /// </summary>
    public static SampleManifest Write(string outputRoot, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputRoot);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Stage);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Stage, LastStage);
        var counties = Counties(options);
        return WriteStage(outputRoot, options, counties, SampleWorld.Build(options.Seed, counties, options.Stage), options.Stage);
    }

    /// <summary>
    /// Writes every stage, 0 … <see cref="LastStage"/>, into one folder, building the world once and applying each
    /// stage's edits to it in turn: the same files as <see cref="Write"/> per stage, in a fraction of the time.
    /// </summary>
    public static IReadOnlyList<SampleManifest> WriteAllStages(string outputRoot, SampleOptions options)
    {
        var counties = Counties(options);
        var world = SampleWorld.Build(options.Seed, counties, stage: 0);
        var manifests = new List<SampleManifest> { WriteStage(outputRoot, options, counties, world, 0) };
        for (var stage = 1; stage <= LastStage; stage++)
        {
            world.Advance(stage);
            manifests.Add(WriteStage(outputRoot, options, counties, world, stage));
        }

        return manifests;
    }

    static IReadOnlyList<County> Counties(SampleOptions options)
    {
        if (options.Provinces.Count == 0 || !options.Provinces.All(SampleOptions.IsProvinceCode))
        {
            throw new ArgumentException("Provinces are two-digit codes such as 33.", nameof(options));
        }

        var counties = CountySource.Load(options.CountiesFile ?? SharedDataFinder.CountiesFile(), options.Provinces);
        if (counties.Count == 0)
        {
            throw new ArgumentException($"No county of provinces {string.Join(", ", options.Provinces)} is in the boundary file.", nameof(options));
        }

        // Each projected export is in one Gauss-Krüger zone, that of the provinces' middle. Far from its meridian the
        // projection no longer returns what was put in at the hub's 1e-7° grid (decimetres at 12°, as Xinjiang or
        // Inner Mongolia would be): such provinces are refused here rather than written subtly wrong.
        var extent = counties.Select(c => c.Geometry.EnvelopeInternal).Aggregate((a, b) => a.ExpandedBy(b));
        var meridian = GaussKruger.CentralMeridian(extent.Centre.X);
        return Math.Max(meridian - extent.MinX, extent.MaxX - meridian) <= MaxDegreesFromMeridian
            ? counties
            : throw new ArgumentException($"Provinces {string.Join(", ", options.Provinces)} reach from {extent.MinX:F1}°E to {extent.MaxX:F1}°E, more than "
                + $"{MaxDegreesFromMeridian}° from the {meridian}°E meridian of the one Gauss-Krüger zone their exports are written in; generate narrower provinces.",
                nameof(options));
    }

    /// <summary>How far from its zone's meridian a sample county may reach (Anhui's west reaches about 5° from 120°E).</summary>
    const double MaxDegreesFromMeridian = 6;

    static SampleManifest WriteStage(string outputRoot, SampleOptions options, IReadOnlyList<County> counties, SampleWorld world, int stage)
    {
        var middle = GaussKruger.CentralMeridian(counties.Select(c => c.Geometry.EnvelopeInternal).Aggregate((a, b) => a.ExpandedBy(b)).Centre.X);
        var files = StageEdits.Layers(stage)
            .Select(layer => ExportWriter.Write(outputRoot, world, layer, stage, middle))
            .ToList();
        var manifest = new SampleManifest(options.Seed, stage, [.. options.Provinces], counties.Count, files,
            [.. world.Defects.Where(d => files.Any(f => f.Layer == d.Layer))],
            ConflictFinder.Find(world),
            [.. world.Edits.Where(e => e.Stage == stage)]);
        ManifestWriter.Write(outputRoot, manifest);
        return manifest;
    }
}
