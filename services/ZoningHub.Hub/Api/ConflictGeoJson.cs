using System.Text.Json.Nodes;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>Conflicts as a GeoJSON FeatureCollection (EPSG:4490).</summary>
public static class ConflictGeoJson
{
    public static JsonObject Collection(IEnumerable<ConflictRecord> conflicts, double? simplify = null) =>
        GeoJsonFeatures.Collection(conflicts, conflict => Feature(conflict, simplify));

    // A conflict that closes and opens again is one conflict with two periods, both listed by status=all: the feature
    // is the period, so its id carries the revision that opened it (a GeoJSON id names one feature, RFC 7946 §3.2).
    static JsonObject Feature(ConflictRecord conflict, double? simplify) =>
        GeoJsonFeatures.Feature($"{conflict.Id}@{conflict.OpenedRevision}", conflict.GeometryWkb, new JsonObject
        {
            ["conflictId"] = conflict.Id,
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
