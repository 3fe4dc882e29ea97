namespace ZoningHub.Contracts;

/// <summary>
/// An open conflict's extent changed: a later change moved the overlap without removing it. Its geometry and area
/// replace those its <see cref="ConflictOpened"/> (or an earlier <c>ConflictChanged</c>) gave.
/// </summary>
public record ConflictChanged
{
    public string ConflictId { get; init; } = "";
    public string Rule { get; init; } = "";
    public string FeatureA { get; init; } = "";
    public string FeatureB { get; init; } = "";
    public string County { get; init; } = "";
    public double AreaSquareMetres { get; init; }

    /// <summary>GeoJSON geometry of the disputed area as it is now, EPSG:4490.</summary>
    public string GeometryGeoJson { get; init; } = "";

    /// <summary>The revision at which the extent changed; the conflict keeps the revision that opened it as its period's.</summary>
    public long Revision { get; init; }

    /// <summary>The revision that opened the conflict's period, with <see cref="ConflictId"/> naming it.</summary>
    public long OpenedRevision { get; init; }
}
