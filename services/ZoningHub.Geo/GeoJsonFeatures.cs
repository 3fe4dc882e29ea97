using System.Text.Json.Nodes;

namespace ZoningHub.Geo;

/// <summary>The GeoJSON shape every read endpoint of hub and nodes answers with (EPSG:4490 longitude/latitude).</summary>
public static class GeoJsonFeatures
{
    public static JsonObject Collection<T>(IEnumerable<T> items, Func<T, JsonObject> feature) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. items.Select(feature)]),
    };

    /// <param name="simplify">A tolerance in degrees for display (the dashboard's map), keeping topology; null for the exact geometry.</param>
    public static JsonObject Feature(string id, byte[]? wkb, JsonObject properties, double? simplify = null) =>
        Feature(id, GeometryJson(wkb, simplify), properties);

    /// <summary>A feature whose geometry is already written as GeoJSON (see <see cref="GeometryJson"/>).</summary>
    public static JsonObject Feature(string id, string? geometryJson, JsonObject properties) => new()
    {
        ["type"] = "Feature",
        ["id"] = id,
        ["geometry"] = geometryJson is null ? null : JsonNode.Parse(geometryJson),
        ["properties"] = properties,
    };

    /// <inheritdoc cref="Feature(string, byte[], JsonObject, double?)"/>
    public static string? GeometryJson(byte[]? wkb, double? simplify) => wkb is null ? null : GeoJson.Write(Simplified(GeoContext.ReadWkb(wkb), simplify));

    /// <summary>Why <paramref name="simplify"/> is not a display tolerance the read endpoints take, or null.</summary>
    public static string? SimplifyProblem(double? simplify) =>
        simplify is < 0 or > 0.1 || (simplify is { } value && double.IsNaN(value)) ? $"simplify '{simplify}' is not a tolerance in degrees from 0 to 0.1, such as 0.001." : null;

    static NetTopologySuite.Geometries.Geometry Simplified(NetTopologySuite.Geometries.Geometry geometry, double? tolerance) =>
        tolerance is > 0 ? NetTopologySuite.Simplify.TopologyPreservingSimplifier.Simplify(geometry, tolerance.Value) : geometry;
}
