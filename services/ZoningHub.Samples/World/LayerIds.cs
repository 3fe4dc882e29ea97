namespace ZoningHub.Samples.World;

/// <summary>The layer ids of DESIGN §1, in the order exports are written; field names come from the native schemas.</summary>
static class LayerIds
{
    public const string AdminDivision = "admin-division";
    public const string Redline = "ecological-redline";
    public const string Farmland = "permanent-basic-farmland";
    public const string UrbanBoundary = "urban-development-boundary";
    public const string WaterZone = "drinking-water-source-zone";
    public const string NatureReserve = "nature-reserve";
    public const string NaturalPark = "natural-park";
    public const string IndustrialPark = "industrial-park";
    public const string EiaProject = "eia-project";

    public static IReadOnlyList<string> All { get; } =
        [AdminDivision, Redline, Farmland, UrbanBoundary, WaterZone, NatureReserve, NaturalPark, IndustrialPark, EiaProject];
}
