using System.Text.Json.Nodes;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Api;

/// <summary>The GeoJSON shape every read endpoint answers with (EPSG:4490 longitude/latitude).</summary>
public static class GeoJsonFeatures
{
    public static JsonObject Collection<T>(IEnumerable<T> items, Func<T, JsonObject> feature) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. items.Select(feature)]),
    };

    public static JsonObject Feature(string id, byte[]? wkb, JsonObject properties) => new()
    {
        ["type"] = "Feature",
        ["id"] = id,
        ["geometry"] = wkb is null ? null : JsonNode.Parse(GeoJson.Write(GeoContext.ReadWkb(wkb))),
        ["properties"] = properties,
    };
}
