using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>Units as a GeoJSON FeatureCollection (EPSG:4490 longitude/latitude).</summary>
public static class UnitGeoJson
{
    public static JsonObject Collection(IEnumerable<LoggedUnit> units, double? simplify = null) =>
        GeoJsonFeatures.Collection(units, unit => Feature(unit, simplify));

    // Simplifying the units for the dashboard's map was most of a map request (0.5 s of 0.7 s for two provinces), while
    // a unit version's geometry never changes: what is drawn is kept by content hash (which covers the geometry) and
    // tolerance, so a redraw simplifies only the versions written since. Bounded in characters of GeoJSON.
    static readonly MemoryCache DisplayGeometries = new(new MemoryCacheOptions { SizeLimit = 32 * 1024 * 1024 });

    public static JsonObject Feature(LoggedUnit unit, double? simplify = null) =>
        GeoJsonFeatures.Feature(unit.Code, Geometry(unit, simplify), new JsonObject
        {
            ["code"] = unit.Code,
            ["identity"] = unit.Identity,
            ["type"] = unit.Type.ToString(),
            ["typeDigit"] = (int)unit.Type,
            ["county"] = unit.County,
            ["areaSquareMetres"] = Math.Round(unit.AreaSquareMetres, 2),
            ["version"] = unit.Version,
            ["revision"] = unit.Revision,
            ["retired"] = unit.Retired,
            ["contentHash"] = unit.ContentHash,
            ["sources"] = new JsonArray([.. unit.Sources.Select(s => (JsonNode)s)]),
            ["accessList"] = System.Text.Json.JsonSerializer.SerializeToNode(unit.AccessList, System.Text.Json.JsonSerializerOptions.Web),
        });

    static string? Geometry(LoggedUnit unit, double? simplify) => unit.GeometryWkb is { } wkb && simplify is > 0
        ? DisplayGeometries.GetOrCreate((unit.ContentHash, simplify.Value), entry =>
        {
            var json = GeoJsonFeatures.GeometryJson(wkb, simplify)!;
            entry.Size = json.Length;
            return json;
        })
        : GeoJsonFeatures.GeometryJson(unit.GeometryWkb, null);
}
