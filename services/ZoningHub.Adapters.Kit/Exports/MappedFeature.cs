using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>A feature of an export, already in the contract's terms, with the hash that diffs it.</summary>
public sealed record MappedFeature(string Id, string Version, IReadOnlyDictionary<string, JsonElement> Properties, JsonElement Geometry, string Hash);
