using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Reads a department's GeoJSON export (a FeatureCollection in CGCS2000 longitude/latitude, or in one of its 3-degree
/// Gauss-Krüger zones named by a <c>crs</c> member) and maps each feature onto the contract. The whole export is read
/// before anything is published, so a malformed one is refused whole and never half-published.
/// </summary>
public static class GeoJsonExportReader
{
    public static IReadOnlyList<MappedFeature> Read(ReadOnlySpan<byte> export, LayerMapping mapping)
    {
        using var document = Parse(Utf8Text.WithoutByteOrderMark(export));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new ExportFormatException("not a GeoJSON FeatureCollection with a 'features' array.");
        }

        var crs = root.TryGetProperty("crs", out var crsMember) ? SourceCrs.FromGeoJson(crsMember) : SourceCrs.Geographic;
        if (features.GetArrayLength() == 0)
        {
            return [];
        }

        var propertyObjects = features.EnumerateArray().Select((feature, index) => Properties(feature, index)).ToList();
        var fields = propertyObjects.SelectMany(p => p.EnumerateObject().Select(field => field.Name)).Distinct(StringComparer.Ordinal).ToList();
        var mapper = new FeatureMapper(mapping, fields, StringComparer.Ordinal, "the GeoJSON");
        foreach (var (feature, index) in features.EnumerateArray().Select((f, i) => (f, i)))
        {
            var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var field in propertyObjects[index].EnumerateObject())
            {
                attributes[field.Name] = field.Value;
            }

            mapper.Add($"features[{index}]", attributes, where => ExportGeometry.FromGeoJson(feature, crs, where));
        }

        return mapper.Features;
    }

    static JsonElement Properties(JsonElement feature, int index) =>
        feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? properties
            : throw new ExportFormatException($"features[{index}] has no 'properties' object.");

    static JsonDocument Parse(ReadOnlySpan<byte> utf8)
    {
        GeoJsonEncoding.RequireUtf8(utf8);
        try
        {
            return JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException e) when (IsCutShort(utf8))
        {
            var zeros = utf8.Length - utf8.TrimEnd((byte)0).Length;
            throw new ExportCutShortException("the GeoJSON is cut short: " + (zeros > 0
                    ? $"its last {zeros} of {utf8.Length} bytes are zeros, a length set before the bytes were written. "
                    : $"its {utf8.Length} bytes end inside an unfinished value (line {e.LineNumber + 1}). ")
                + "The export was interrupted or is still being copied; export the layer again.");
        }
        catch (JsonException e)
        {
            throw new ExportFormatException($"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine}): {e.Message}");
        }
    }

    /// <summary>
    /// True when the bytes are a valid beginning of a JSON document that stops before its end, or before a run of zeros:
    /// Windows copies (Explorer, CopyFileEx over SMB) set the file's whole length first, and the tail not yet written reads as zeros.
    /// </summary>
    static bool IsCutShort(ReadOnlySpan<byte> utf8) => IsUnfinished(utf8.TrimEnd((byte)0));

    static bool IsUnfinished(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return true;
    }
}
