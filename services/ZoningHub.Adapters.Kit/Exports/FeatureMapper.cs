using System.Security.Cryptography;
using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Maps one export's features onto the contract with the layer's <see cref="LayerMapping"/>, the same way whatever the
/// file format, so a layer that moves from GeoJSON to Shapefile keeps its ids, values and hashes. It refuses the whole
/// export at the first feature it cannot map: a partly published layer would delete what it skipped.
/// </summary>
sealed class FeatureMapper
{
    readonly LayerMapping _mapping;
    readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
    readonly List<MappedFeature> _features = [];

    /// <param name="fields">The fields the export has; with <paramref name="comparer"/>, how they match the mapping's.</param>
    /// <param name="source">The part the fields come from, for messages, e.g. <c>'redline.dbf'</c>.</param>
    public FeatureMapper(LayerMapping mapping, IReadOnlyCollection<string> fields, StringComparer comparer, string source)
    {
        _mapping = mapping;
        var available = fields.ToHashSet(comparer);
        var unknown = mapping.Properties.Select(p => (Field: p.Value, Role: $"property '{p.Key}'"))
            .Prepend((Field: mapping.IdField, Role: "the id field"))
            .Where(f => !available.Contains(f.Field))
            .Select(f => $"'{f.Field}' ({f.Role})")
            .ToList();
        if (unknown.Count > 0)
        {
            throw new ExportFormatException($"unknown field{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)} of the layer's mapping: "
                + $"{source} {(fields.Count > 0 ? $"has the fields {string.Join(", ", fields)}" : "has no fields")}. Correct the adapter's mapping or the export.");
        }
    }

    public IReadOnlyList<MappedFeature> Features => _features;

    /// <param name="where">Which feature, for messages, e.g. <c>features[3]</c>.</param>
    /// <param name="attributes">The feature's fields; null values are absent.</param>
    /// <param name="geometry">Reads the feature's geometry in CGCS2000 longitude/latitude, given a label that names the feature and its id.</param>
    public void Add(string where, IReadOnlyDictionary<string, JsonElement> attributes, Func<string, JsonElement> geometry)
    {
        var id = Text(attributes, _mapping.IdField) ?? throw new ExportFormatException($"{where} has no value in the id field '{_mapping.IdField}'.");
        if (!_seen.TryAdd(id, where))
        {
            throw new ExportFormatException($"{where}: id '{id}' (field {_mapping.IdField}) appears more than once, first at {_seen[id]}.");
        }

        var properties = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, field) in _mapping.Properties)
        {
            if (attributes.TryGetValue(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                // Spaces around a value (a fixed-width field's padding, a typo) do not make it another value.
                properties[name] = _mapping.Values.TryGetValue(name, out var vocabulary) && Text(value) is { } native
                                   && vocabulary.TryGetValue(native.Trim(), out var contractValue)
                    ? JsonSerializer.SerializeToElement(contractValue)
                    : value.Clone();
            }
        }

        var shape = geometry($"{where} ({_mapping.IdField} '{id}')");
        var hash = Hash(id, properties, shape);
        var version = _mapping.VersionField is { } versionField ? Text(attributes, versionField) ?? hash[..16] : hash[..16];
        _features.Add(new MappedFeature(id, version, properties, shape, hash));
    }

    static string? Text(IReadOnlyDictionary<string, JsonElement> attributes, string field) =>
        attributes.TryGetValue(field, out var value) ? Text(value) : null;

    static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => GeoJsonNumbers.Text(value),
        _ => null,
    };

    static string Hash(string id, SortedDictionary<string, JsonElement> properties, JsonElement geometry) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { id, properties, geometry })));
}
