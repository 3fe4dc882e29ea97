namespace ZoningHub.Contracts;

/// <summary>Two departments' layers disagree (DESIGN §4) beyond the sliver tolerance.</summary>
public record ConflictOpened
{
    public string ConflictId { get; init; } = "";
    public string Rule { get; init; } = "";
    public string FeatureA { get; init; } = "";
    public string FeatureB { get; init; } = "";
    public string County { get; init; } = "";
    public double AreaSquareMetres { get; init; }

    /// <summary>GeoJSON geometry of the disputed area, EPSG:4490.</summary>
    public string GeometryGeoJson { get; init; } = "";

    public long Revision { get; init; }
}
