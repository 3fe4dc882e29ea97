using System.Text.Json.Nodes;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>Units as a GeoJSON FeatureCollection (EPSG:4490 longitude/latitude).</summary>
public static class UnitGeoJson
{
    public static JsonObject Collection(IEnumerable<LoggedUnit> units, double? simplify = null) =>
        GeoJsonFeatures.Collection(units, unit => Feature(unit, simplify));

    public static JsonObject Feature(LoggedUnit unit, double? simplify = null) =>
        GeoJsonFeatures.Feature(unit.Code, unit.GeometryWkb, new JsonObject
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
        }, simplify);
}
