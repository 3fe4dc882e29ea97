using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZoningHub.Geo;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// The coordinate system an export is written in. Departments export either CGCS2000 longitude/latitude or one of
/// its 3-degree Gauss-Krüger zones (the national surveying standard); anything else needs a datum transformation
/// whose parameters are not public, so it is refused rather than guessed.
/// </summary>
public sealed partial record SourceCrs(int Epsg, int CentralMeridian, double FalseEasting)
{
    /// <summary>What an export may be in; every refusal ends with it.</summary>
    public const string Accepted = "exports must be CGCS2000 geographic or a CGCS2000 3-degree Gauss-Krüger zone, EPSG:4490 or 4513–4554";

    public static SourceCrs Geographic { get; } = new(GeoContext.Srid, 0, 0);

    /// <summary>The 42 zones, numbered by <see cref="GaussKrugerZones"/>: with the zone prefix on x (EPSG:4513–4533) and without (4534–4554).</summary>
    static readonly SourceCrs[] Zones = [.. Enumerable.Range(25, 21).SelectMany(zone => new[] { true, false }.Select(prefix =>
        new SourceCrs(GaussKrugerZones.Epsg(zone * 3, prefix), zone * 3, GaussKrugerZones.FalseEasting(zone * 3, prefix))))];

    /// <summary>False for a Gauss-Krüger zone, whose coordinates are eastings and northings in metres.</summary>
    public bool IsGeographic => Epsg == GeoContext.Srid;

    /// <summary>EPSG:4490 or 4513–4554; null for any other code.</summary>
    public static SourceCrs? FromEpsg(int epsg) => epsg == GeoContext.Srid ? Geographic : Array.Find(Zones, zone => zone.Epsg == epsg);

    /// <summary>
    /// The 3-degree zone with these transverse Mercator parameters; null when they are no such zone. Tools that write
    /// a parameter from a double can leave float noise in it (<c>117.00000000000001</c>): it is taken within a
    /// nanodegree and a micrometre, far below anything a zone's parameters differ by.
    /// </summary>
    public static SourceCrs? FromZone(double centralMeridian, double falseEasting) =>
        Array.Find(Zones, zone => Math.Abs(zone.CentralMeridian - centralMeridian) <= 1e-9 && Math.Abs(zone.FalseEasting - falseEasting) <= 1e-6);

    /// <summary>
    /// Reads a GeoJSON (2008) <c>crs</c> member, e.g. <c>{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4527"}}</c>
    /// as GDAL writes it; a GeoJSON without one is CGCS2000 longitude/latitude.
    /// </summary>
    public static SourceCrs FromGeoJson(JsonElement crs)
    {
        if (crs.ValueKind == JsonValueKind.Null)
        {
            return Geographic;
        }

        if (crs.ValueKind != JsonValueKind.Object || !crs.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "name" || !crs.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw new ExportFormatException($"the GeoJSON 'crs' member is {crs.GetRawText()}, not a named crs such as "
                + "{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::4527\"}}; " + Accepted + ".");
        }

        var name = nameElement.GetString()!.Trim();
        if (Crs84().IsMatch(name))
        {
            return Geographic;
        }

        var epsg = EpsgName().Match(name);
        return epsg.Success && int.TryParse(epsg.Groups["code"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? FromEpsg(code) ?? throw new ExportFormatException($"the GeoJSON 'crs' member names '{name}' (EPSG:{code}); {Accepted}.")
            : throw new ExportFormatException($"the GeoJSON 'crs' member names '{name}', which is not an EPSG code; {Accepted}.");
    }

    /// <summary>Reads a Shapefile's <c>.prj</c> (ESRI or OGC WKT1, as ArcGIS and GDAL write them).</summary>
    public static SourceCrs FromPrj(string wkt, string part) => PrjReader.Read(wkt, part);

    /// <summary>CGCS2000 longitude/latitude of a point in this system.</summary>
    public (double Longitude, double Latitude) ToGeographic(double x, double y) =>
        IsGeographic ? (x, y) : GaussKruger.ToGeographic(CentralMeridian, FalseEasting, x, y);

    public override string ToString() => IsGeographic
        ? $"EPSG:{Epsg} (CGCS2000 geographic)"
        : $"EPSG:{Epsg} (CGCS2000 3-degree Gauss-Krüger, central meridian {CentralMeridian}E, false easting {FalseEasting:0})";

    [GeneratedRegex(@"^(urn:ogc:def:crs:EPSG:[0-9.]*:|EPSG:+|https?://www\.opengis\.net/def/crs/EPSG/[0-9.]+/)(?<code>[0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EpsgName();

    [GeneratedRegex(@"^(urn:ogc:def:crs:OGC:(1\.3)?:CRS84|OGC:CRS84|https?://www\.opengis\.net/def/crs/OGC/1\.3/CRS84)$", RegexOptions.IgnoreCase)]
    private static partial Regex Crs84();
}
