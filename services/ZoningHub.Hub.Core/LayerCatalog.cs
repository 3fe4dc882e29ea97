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

    // Per layer, the property whose value the core acts on and the values it takes (contracts/README.md §4).
    static readonly Dictionary<string, (string Property, string[] Values)> Listed = new(StringComparer.Ordinal)
    {
        [Layers.DrinkingWater] = ("grade", ["1", "2", "quasi"]),
        [Layers.NatureReserve] = ("zone", ["core", "general"]),
        [Layers.NaturalPark] = ("kind", ["national-park", "forest-park", "wetland-park", "geopark"]),
    };

    public static IReadOnlyCollection<string> AllLayers => Owners.Keys;

    /// <summary>The layer's property with listed values, and those values; null for a layer without one.</summary>
    public static (string Property, IReadOnlyList<string> Values)? ListedProperty(string layer) =>
        Listed.TryGetValue(layer, out var listed) ? listed : null;

    public static IReadOnlyList<string> Departments { get; } = Owners.Values.Distinct().Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnownLayer(string layer) => Owners.ContainsKey(layer);

    public static bool IsKnownDepartment(string? department) => department is not null && Departments.Contains(department);

    public static string? OwnerOf(string? layer) => layer is null ? null : Owners.GetValueOrDefault(layer);

    /// <summary>EIA projects are sites; every other layer is an area.</summary>
    public static bool AllowsPoints(string layer) => layer == Layers.EiaProject;
}
