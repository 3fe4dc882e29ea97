namespace ZoningHub.Hub.Core;

/// <summary>The source layers and the department that owns each: "who publishes, who updates" (DESIGN §1).</summary>
public static class LayerCatalog
{
    public const string AdminDivision = "admin-division";

    static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal)
    {
        [AdminDivision] = "natural-resources",
        ["ecological-redline"] = "natural-resources",
        ["permanent-basic-farmland"] = "natural-resources",
        ["urban-development-boundary"] = "natural-resources",
        ["drinking-water-source-zone"] = "water-resources",
        ["nature-reserve"] = "forestry-grassland",
        ["natural-park"] = "forestry-grassland",
        ["industrial-park"] = "ecology-environment",
        ["eia-project"] = "ecology-environment",
    };

    public static IReadOnlyCollection<string> Layers => Owners.Keys;

    public static IReadOnlyList<string> Departments { get; } = Owners.Values.Distinct().Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnownLayer(string layer) => Owners.ContainsKey(layer);

    public static bool IsKnownDepartment(string department) => Departments.Contains(department);

    public static string? OwnerOf(string layer) => Owners.GetValueOrDefault(layer);

    /// <summary>EIA projects are sites; every other layer is an area.</summary>
    public static bool AllowsPoints(string layer) => layer == "eia-project";
}
