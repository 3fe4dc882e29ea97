using System.Text.Json.Nodes;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>Conflicts as a GeoJSON FeatureCollection (EPSG:4490).</summary>
public static class ConflictGeoJson
{
    public static JsonObject Collection(IEnumerable<ConflictRecord> conflicts, double? simplify = null) =>
        GeoJsonFeatures.Collection(conflicts, conflict => Feature(conflict, simplify));

    static JsonObject Feature(ConflictRecord conflict, double? simplify) =>
        GeoJsonFeatures.Feature(conflict.Id, conflict.GeometryWkb, new JsonObject
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
        }, simplify);
}
