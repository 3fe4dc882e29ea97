namespace ZoningHub.Hub.Core;

/// <summary>Layer ids (DESIGN §1), named once.</summary>
public static class Layers
{
    public const string AdminDivision = "admin-division";
    public const string Redline = "ecological-redline";
    public const string Farmland = "permanent-basic-farmland";
    public const string UrbanDevelopmentBoundary = "urban-development-boundary";
    public const string DrinkingWater = "drinking-water-source-zone";
    public const string NatureReserve = "nature-reserve";
    public const string NaturalPark = "natural-park";
    public const string IndustrialPark = "industrial-park";
    public const string EiaProject = "eia-project";

    /// <summary>Every layer, in the order of DESIGN §1.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AdminDivision, Redline, Farmland, UrbanDevelopmentBoundary, DrinkingWater, NatureReserve, NaturalPark, IndustrialPark, EiaProject];
}
