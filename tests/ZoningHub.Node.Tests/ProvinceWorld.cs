using ZoningHub.Contracts;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Real counties of three provinces — Jiangsu (32), which has no provincial node, Zhejiang (33) and Anhui (34) —
/// each with a redline and an urban development boundary, and a stream of later redline edits: enough units in
/// every scope to tell them apart by code.
/// </summary>
public static class ProvinceWorld
{
    public static readonly string[] Provinces = ["32", "33", "34"];

    const int CountiesPerProvince = 6;

    static readonly Lazy<IReadOnlyList<FeatureChange>> AllCounties = new(() =>
    {
        var national = SharedData.Counties("china-counties.simplified.geojson").Features;
        return [.. Provinces.SelectMany(p => national.Where(f => f.Id.StartsWith(p, StringComparison.Ordinal)).OrderBy(f => f.Id, StringComparer.Ordinal).Take(CountiesPerProvince))];
    });

    public static IReadOnlyList<FeatureChange> Counties => AllCounties.Value;

    /// <summary>The one-map stream's first change sets: counties, redlines, urban development boundaries.</summary>
    public static IReadOnlyList<ChangeSetPublished> Initial() =>
    [
        ChangeSet(OneMap, 1, Layers.AdminDivision, [.. Counties]),
        ChangeSet(OneMap, 2, Layers.Redline, [.. Counties.Select(c => Upsert($"H-{c.Id}", Box(c, -0.3, -0.2, 0.1, 0.2)))]),
        ChangeSet(OneMap, 3, Layers.UrbanDevelopmentBoundary, [.. Counties.Select(c => Upsert($"U-{c.Id}", Box(c, 0.05, -0.1, 0.3, 0.1)))]),
    ];

    public const long InitialSequence = 3;

    /// <summary>
    /// Edit <paramref name="n"/> (1-based) of the later stream: one county's redline grows or shrinks, making new
    /// unit versions. The counties take turns; with <paramref name="province"/>, only that province's.
    /// </summary>
    public static ChangeSetPublished Edit(int n, string? province = null)
    {
        var counties = Counties.Where(c => province is null || c.Id.StartsWith(province, StringComparison.Ordinal)).ToList();
        var county = counties[(n - 1) % counties.Count];
        var grow = 0.02 * (1 + (n % 5));
        return ChangeSet(OneMap, InitialSequence + n, Layers.Redline, Upsert($"H-{county.Id}", Box(county, -0.3 - grow, -0.2, 0.1, 0.2 + grow / 2)));
    }

    /// <summary>A box around the county's interior point, in fractions of the county's size.</summary>
    static string Box(FeatureChange county, double west, double south, double east, double north)
    {
        var geometry = GeoJson.ReadGeometry(county.Geometry!.Value);
        var centre = geometry.InteriorPoint.Coordinate;
        var size = Math.Sqrt(geometry.Envelope.Area);
        return Sources.Box(Round(centre.X + west * size), Round(centre.Y + south * size), Round(centre.X + east * size), Round(centre.Y + north * size));
    }

    static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);
}
