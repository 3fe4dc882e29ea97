using System.Text.Json.Nodes;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>Conflicts as a GeoJSON FeatureCollection (EPSG:4490).</summary>
public static class ConflictGeoJson
{
    public static JsonObject Collection(IEnumerable<ConflictRecord> conflicts) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. conflicts.Select(Feature)]),
    };

    static JsonObject Feature(ConflictRecord conflict) => new()
    {
        ["type"] = "Feature",
        ["id"] = conflict.Id,
        ["geometry"] = JsonNode.Parse(GeoJson.Write(GeoContext.ReadWkb(conflict.GeometryWkb))),
        ["properties"] = new JsonObject
        {
            ["rule"] = conflict.Rule,
            ["featureA"] = conflict.FeatureA,
            ["featureB"] = conflict.FeatureB,
            ["county"] = conflict.County,
            ["areaSquareMetres"] = Math.Round(conflict.AreaSquareMetres, 2),
            ["status"] = conflict.IsOpen ? "open" : "resolved",
            ["openedRevision"] = conflict.OpenedRevision,
            ["openedAt"] = conflict.OpenedAt,
            ["resolvedRevision"] = conflict.ResolvedRevision,
            ["resolvedAt"] = conflict.ResolvedAt,
        },
    };
}
