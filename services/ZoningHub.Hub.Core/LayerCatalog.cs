using ZoningHub.Hub.Core.Conflicts;

namespace ZoningHub.Hub.Core;

/// <summary>The source layers and the department that owns each: "who publishes, who updates" (DESIGN §1).</summary>
public static class LayerCatalog
{
    static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal)
    {
        [Layers.AdminDivision] = "natural-resources",
        [Layers.Redline] = "natural-resources",
        [Layers.Farmland] = "natural-resources",
        [Layers.UrbanDevelopmentBoundary] = "natural-resources",
        [Layers.DrinkingWater] = "water-resources",
        [Layers.NatureReserve] = "forestry-grassland",
        [Layers.NaturalPark] = "forestry-grassland",
        [Layers.IndustrialPark] = "ecology-environment",
        [Layers.EiaProject] = "ecology-environment",
    };

    // Per layer, the properties whose values the core acts on: precedence and access rules (derivation), and whether an
    // EIA project is checked against the units' forbidden industries (DESIGN §4).
    static readonly Dictionary<string, PropertyRule[]> Checked = new(StringComparer.Ordinal)
    {
        [Layers.DrinkingWater] = [PropertyRule.Listed("grade", "1", "2", "quasi")],
        [Layers.NatureReserve] = [PropertyRule.Listed("zone", "core", "general")],
        [Layers.NaturalPark] = [PropertyRule.Listed("kind", "national-park", "forest-park", "wetland-park", "geopark")],
        [Layers.EiaProject] =
        [
            PropertyRule.Listed("status", "approved", "under-review", "refused"),
            new("industry", "a GB/T 4754 code: a section letter and 2 to 4 digits (C2511, C25), or the digits alone (2511)", Industry.IsCode),
        ],
    };

    public static IReadOnlyCollection<string> AllLayers => Owners.Keys;

    /// <summary>The layer's properties whose values intake checks; none for most layers.</summary>
    public static IReadOnlyList<PropertyRule> CheckedProperties(string layer) => Checked.GetValueOrDefault(layer) ?? [];

    public static IReadOnlyList<string> Departments { get; } = Owners.Values.Distinct().Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnownLayer(string layer) => Owners.ContainsKey(layer);

    public static bool IsKnownDepartment(string? department) => department is not null && Departments.Contains(department);

    public static string? OwnerOf(string? layer) => layer is null ? null : Owners.GetValueOrDefault(layer);

    /// <summary>EIA projects are sites; every other layer is an area.</summary>
    public static bool AllowsPoints(string layer) => layer == Layers.EiaProject;
}
