using System.IO.Compression;
using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;

namespace ZoningHub.Testing;

/// <summary>The real reference data in <c>../shared/data/</c> beside the repository (read-only; see its README).</summary>
public static class SharedData
{
    public static string Directory { get; } = Find();

    /// <summary>The counties of a boundary file as one admin-division change set, as a one-map adapter would send it.</summary>
    public static ChangeSetPublished Counties(string file)
    {
        var path = Path.Combine(Directory, "admin", file);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress)
            : File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var features = document.RootElement.GetProperty("features").EnumerateArray()
            .Where(f => f.GetProperty("properties").TryGetProperty("adcode", out var code) && code.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            .Select(f =>
            {
                var code = f.GetProperty("properties").GetProperty("adcode").ToString();
                return new FeatureChange
                {
                    Id = code,
                    Operation = FeatureOperations.Upsert,
                    SourceVersion = "shared-data",
                    Properties = new Dictionary<string, JsonElement> { ["county"] = JsonSerializer.SerializeToElement(code) },
                    Geometry = f.GetProperty("geometry").Clone(),
                };
            })
            // A few codes appear twice in the merged file; the first polygon stands for the county.
            .DistinctBy(f => f.Id)
            .ToList();
        return new ChangeSetPublished
        {
            Stream = "natural-resources.one-map", Sequence = 1, Department = "natural-resources", Layer = Layers.AdminDivision,
            Kind = ChangeSetKinds.Snapshot, Features = features,
        };
    }

    static string Find()
    {
        if (Environment.GetEnvironmentVariable("ZONINGHUB_SHARED_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "admin")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"../shared/data/ was not found above {AppContext.BaseDirectory}; the tests need the shared reference data beside the repository (or its path in ZONINGHUB_SHARED_DATA).");
    }
}
