using System.Text.Json;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>A feature of an export, already in the contract's terms, with the hash that diffs it.</summary>
public sealed record MappedFeature(string Id, string Version, IReadOnlyDictionary<string, JsonElement> Properties, JsonElement Geometry, string Hash)
{
    public FeatureChange ToChange() => new()
    {
        Id = Id, Operation = FeatureOperations.Upsert, SourceVersion = Version,
        Properties = Properties, Geometry = Geometry,
    };
}
