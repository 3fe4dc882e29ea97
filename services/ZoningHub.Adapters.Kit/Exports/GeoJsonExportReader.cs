using System.Security.Cryptography;
using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Reads a department's GeoJSON export (a FeatureCollection in CGCS2000 longitude/latitude) and maps each
/// feature onto the contract. The whole export is read before anything is published, so a malformed one is
/// refused whole and never half-published.
/// </summary>
public static class GeoJsonExportReader
{
    public static IReadOnlyList<MappedFeature> Read(ReadOnlySpan<byte> utf8, LayerMapping mapping)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException e)
        {
            throw new ExportFormatException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                throw new ExportFormatException("not a GeoJSON FeatureCollection with a 'features' array.");
            }

            var mapped = new List<MappedFeature>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (feature, index) in features.EnumerateArray().Select((f, i) => (f, i)))
            {
                var result = Map(feature, index, mapping);
                if (!ids.Add(result.Id))
                {
                    throw new ExportFormatException($"features[{index}]: id '{result.Id}' (field {mapping.IdField}) appears more than once.");
                }

                mapped.Add(result);
            }

            return mapped;
        }
    }

    static MappedFeature Map(JsonElement feature, int index, LayerMapping mapping)
    {
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new ExportFormatException($"features[{index}] has no 'properties' object.");
        }

        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            throw new ExportFormatException($"features[{index}] has no geometry.");
        }

        var id = Text(properties, mapping.IdField)
                 ?? throw new ExportFormatException($"features[{index}] has no id field '{mapping.IdField}'.");
        var contract = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, field) in mapping.Properties)
        {
            if (properties.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                contract[name] = value.Clone();
            }
        }

        var geometryCopy = geometry.Clone();
        var hash = Hash(id, contract, geometryCopy);
        var version = mapping.VersionField is { } versionField ? Text(properties, versionField) ?? hash[..16] : hash[..16];
        return new MappedFeature(id, version, contract, geometryCopy, hash);
    }

    static string? Text(JsonElement properties, string field) =>
        properties.TryGetProperty(field, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    static string Hash(string id, SortedDictionary<string, JsonElement> properties, JsonElement geometry) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { id, properties, geometry })));
}
