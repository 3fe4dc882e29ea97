using ZoningHub.Geo;

namespace ZoningHub.Samples.Writing;

/// <summary>
/// How each department's system exports, so every adapter path is exercised: one map as zipped Shapefiles in a
/// zone-prefixed Gauss-Krüger zone (EPSG:4513–4533), forestry as GeoJSON with a <c>crs</c> member naming the
/// zone by central meridian (EPSG:4534–4554), water and EIA as plain GeoJSON in EPSG:4490 longitude/latitude.
/// </summary>
/// <param name="CentralMeridian">Of the zone; 0 when the export is in longitude/latitude.</param>
sealed record ExportFormat(string Kind, int CentralMeridian, bool ZonePrefix)
{
    public const string GeoJson = "geojson";
    public const string ShapefileZip = "shapefile-zip";

    public bool Projected => CentralMeridian != 0;

    public int Epsg => Projected ? GaussKrugerZones.Epsg(CentralMeridian, ZonePrefix) : GeoContext.Srid;

    public string Extension => Kind == ShapefileZip ? ".zip" : ".geojson";

    /// <param name="centralMeridian">
    /// One zone per export: a layer's export is one full file, so it cannot switch zones per county. The zone of
    /// the provinces' middle is taken (120°E for Zhejiang and Anhui), as a province's one-map often does.
    /// </param>
    public static ExportFormat For(string department, int centralMeridian) => department switch
    {
        "natural-resources" => new(ShapefileZip, centralMeridian, ZonePrefix: true),
        "forestry-grassland" => new(GeoJson, centralMeridian, ZonePrefix: false),
        _ => new(GeoJson, 0, ZonePrefix: false),
    };
}
