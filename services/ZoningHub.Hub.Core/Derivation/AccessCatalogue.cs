using System.Text.Json;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>Base access list per unit type plus the rules each anchor layer adds (DESIGN §3).</summary>
public sealed record AccessCatalogue(
    IReadOnlyDictionary<UnitType, IReadOnlyList<AccessRule>> Base,
    IReadOnlyDictionary<string, IReadOnlyList<AccessRule>> ByLayer)
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <param name="anchorKeys">The anchor's catalogue keys, e.g. <c>drinking-water-source-zone</c> and <c>drinking-water-source-zone/grade-1</c>.</param>
    public IReadOnlyList<AccessRule> For(UnitType type, IReadOnlyList<string> anchorKeys) =>
        [.. Base.GetValueOrDefault(type, []), .. anchorKeys.SelectMany(key => ByLayer.GetValueOrDefault(key, []))];

    /// <summary>The catalogue shipped with the hub (Derivation/access-catalogue.json).</summary>
    public static AccessCatalogue Default { get; } = LoadEmbedded();

    public static AccessCatalogue Parse(string json)
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(json, Options)
                   ?? throw new JsonException("The access catalogue is empty.");
        return new AccessCatalogue(
            file.Base.ToDictionary(kv => Enum.Parse<UnitType>(kv.Key, ignoreCase: true), kv => (IReadOnlyList<AccessRule>)kv.Value),
            file.Layers.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<AccessRule>)kv.Value));
    }

    static AccessCatalogue LoadEmbedded()
    {
        using var stream = typeof(AccessCatalogue).Assembly.GetManifestResourceStream("access-catalogue.json")
                           ?? throw new InvalidOperationException("access-catalogue.json is not embedded in ZoningHub.Hub.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    sealed record CatalogueFile(Dictionary<string, List<AccessRule>> Base, Dictionary<string, List<AccessRule>> Layers);
}
