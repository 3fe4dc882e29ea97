using NetTopologySuite.Geometries;

namespace ZoningHub.Samples.Source;

/// <summary>A real county boundary, made valid and snapped to the product's precision grid.</summary>
/// <param name="Seat">Label point of the source file, standing in for the county seat (where towns grow).</param>
sealed record County(string Code, string Name, Geometry Geometry, Point Seat, double AreaSquareMetres)
{
    public string Province => Code[..2];

    /// <summary>The name without its last character (县, 区, 市) when that leaves two or more: 淳安县 → 淳安.</summary>
    public string ShortName => Name.Length > 2 ? Name[..^1] : Name;
}
