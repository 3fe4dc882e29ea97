using System.Text.Json;
using ZoningHub.Contracts;

namespace ZoningHub.EndToEnd.Tests;

static class Samples
{
    public static string HangzhouCounties =>
        Path.Combine(AppContext.BaseDirectory, "samples", "exports", "natural-resources", "admin-division", "hangzhou-counties.geojson");

    public const int HangzhouCountyCount = 13;

    /// <summary>The Hangzhou export as the one-map adapter maps it, built independently of the adapter.</summary>
    public static ChangeSetPublished HangzhouChangeSet(string stream = "natural-resources.one-map", long sequence = 1)
    {
        using var export = JsonDocument.Parse(File.ReadAllBytes(HangzhouCounties));
        var features = export.RootElement.GetProperty("features").EnumerateArray().Select(f =>
        {
            var properties = f.GetProperty("properties");
            var code = properties.GetProperty("XZQDM").GetString()!;
            return new FeatureChange
            {
                Id = code,
                Operation = FeatureOperations.Upsert,
                SourceVersion = "2026-11-01",
                Properties = new Dictionary<string, JsonElement>
                {
                    ["county"] = properties.GetProperty("XZQDM").Clone(),
                    ["name"] = properties.GetProperty("XZQMC").Clone(),
                },
                Geometry = f.GetProperty("geometry").Clone(),
            };
        }).ToList();
        return new ChangeSetPublished
        {
            Stream = stream, Sequence = sequence, Department = "natural-resources", Layer = "admin-division",
            Kind = ChangeSetKinds.Delta, ExportedAt = DateTimeOffset.UtcNow, Features = features,
        };
    }
}
