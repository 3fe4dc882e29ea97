using System.Text.Json;
using ZoningHub.Geo;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>Conflicts as GeoJSON Features (EPSG:4490), written one at a time into a listing.</summary>
public static class ConflictGeoJson
{
    // A conflict that closes and opens again is one conflict with two periods, both listed by status=all: the feature
    // is the period, so its id carries the revision that opened it (a GeoJSON id names one feature, RFC 7946 §3.2).
    public static string FeatureId(ConflictRecord conflict) => $"{conflict.Id}@{conflict.OpenedRevision}";

    public static Action<Utf8JsonWriter, ConflictRecord> Writer(double? simplify) =>
        (json, conflict) => GeoJsonFeatures.WriteFeature(json, FeatureId(conflict), conflict,
            (g, c) => GeoJsonFeatures.WriteGeometry(g, c.GeometryWkb, simplify), Properties);

    static void Properties(Utf8JsonWriter json, ConflictRecord conflict)
    {
        json.WriteString("conflictId", conflict.Id);
        json.WriteString("rule", conflict.Rule);
        json.WriteString("featureA", conflict.FeatureA);
        json.WriteString("featureB", conflict.FeatureB);
        json.WriteString("county", conflict.County);
        json.WriteNumber("areaSquareMetres", Math.Round(conflict.AreaSquareMetres, 2));
        json.WriteString("status", conflict.IsOpen ? "open" : "resolved");
        json.WriteNumber("openedRevision", conflict.OpenedRevision);
        json.WritePropertyName("openedAt");
        JsonSerializer.Serialize(json, conflict.OpenedAt);
        // The last revision at which the extent (geometry and area) changed while open; null while it is as it opened.
        if (conflict.ChangedRevision is { } changed)
        {
            json.WriteNumber("changedRevision", changed);
        }
        else
        {
            json.WriteNull("changedRevision");
        }

        if (conflict.ResolvedRevision is { } resolved)
        {
            json.WriteNumber("resolvedRevision", resolved);
        }
        else
        {
            json.WriteNull("resolvedRevision");
        }

        json.WritePropertyName("resolvedAt");
        JsonSerializer.Serialize(json, conflict.ResolvedAt);
    }
}
