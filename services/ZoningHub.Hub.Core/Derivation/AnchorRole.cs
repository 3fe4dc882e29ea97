using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// What a source feature contributes to derivation (DESIGN §3): the unit type it anchors, its precedence
/// (lower wins where features overlap) and the access-catalogue keys its rules come from.
/// </summary>
public sealed record AnchorRole(UnitType Type, int Precedence, IReadOnlyList<string> CatalogueKeys)
{
    /// <summary>The redline is one unit per county: what is left of all its features after the protected areas.</summary>
    public bool MergesLayer => CatalogueKeys[0] == Layers.Redline;

    /// <summary>Null for features that anchor no unit (permanent basic farmland, EIA projects, a quasi water zone).</summary>
    public static AnchorRole? Of(SourceFeature feature) => feature.Layer switch
    {
        Layers.NaturalPark when feature.Text("kind") == "national-park" => Priority(0, Layers.NaturalPark, "national-park"),
        Layers.NatureReserve => Priority(1, Layers.NatureReserve, feature.Text("zone") == "core" ? "core" : null),
        Layers.DrinkingWater when feature.Text("grade") == "1" => Priority(2, Layers.DrinkingWater, "grade-1"),
        Layers.DrinkingWater when feature.Text("grade") == "2" => Priority(3, Layers.DrinkingWater, "grade-2"),
        Layers.NaturalPark => Priority(4, Layers.NaturalPark, feature.Text("kind")),
        Layers.Redline => Priority(5, Layers.Redline, null),
        Layers.UrbanDevelopmentBoundary => new AnchorRole(UnitType.KeyControl, 10, [Layers.UrbanDevelopmentBoundary]),
        Layers.IndustrialPark => new AnchorRole(UnitType.KeyControl, 11, [Layers.IndustrialPark]),
        _ => null,
    };

    static AnchorRole Priority(int precedence, string layer, string? qualifier) =>
        new(UnitType.PriorityProtection, precedence, qualifier is null ? [layer] : [layer, $"{layer}/{qualifier}"]);
}
