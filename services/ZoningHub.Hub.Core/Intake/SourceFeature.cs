using System.Text.Json;
using NetTopologySuite.Geometries;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>A validated feature of a source layer, on the product's precision grid.</summary>
public sealed record SourceFeature(
    string Layer,
    string Id,
    string SourceVersion,
    IReadOnlyDictionary<string, JsonElement> Properties,
    Geometry Geometry)
{
    /// <summary>The six-digit county code an admin-division feature carries (property <c>county</c>, else its id).</summary>
    public string? CountyCode =>
        Properties.TryGetValue("county", out var county) && county.ValueKind == JsonValueKind.String
            ? county.GetString()
            : Id;

    /// <summary>A text property (strings as they are, numbers as written), or null.</summary>
    public string? Text(string property) =>
        Properties.TryGetValue(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>How the feature is named in unit identities: <c>layer/id</c>.</summary>
    public string Key => $"{Layer}/{Id}";

    /// <summary>How units cite their sources: <c>layer/id@version</c>.</summary>
    public string Citation => $"{Layer}/{Id}@{SourceVersion}";

    /// <summary>The features a county's boundary was made of (<see cref="Derivation.CountyBoundary"/>); null for a feature as published.</summary>
    public IReadOnlyList<SourceFeature>? Parts { get; init; }

    /// <summary>Every citation a unit made from this feature carries: each part's, for a boundary of several.</summary>
    public IReadOnlyList<string> Citations => Parts is { } parts ? [.. parts.Select(p => p.Citation)] : [Citation];
}
