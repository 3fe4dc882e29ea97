using System.Text.Json;

namespace ZoningHub.Contracts;

/// <summary>One feature of a change set. Geometry is a GeoJSON geometry object in EPSG:4490 (lon/lat).</summary>
public record FeatureChange
{
    /// <summary>The department's own stable feature id, unique within the layer.</summary>
    public string Id { get; init; } = "";

    /// <summary><see cref="FeatureOperations.Upsert"/> or <see cref="FeatureOperations.Delete"/>.</summary>
    public string Operation { get; init; } = FeatureOperations.Upsert;

    /// <summary>The department's version of the feature (edit timestamp, revision number or content hash).</summary>
    public string SourceVersion { get; init; } = "";

    /// <summary>Attributes mapped onto the contract's names (see contracts/README.md); values are JSON.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>GeoJSON geometry; absent on delete.</summary>
    public JsonElement? Geometry { get; init; }
}
