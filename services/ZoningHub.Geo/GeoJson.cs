using System.Text.Json;
using NetTopologySuite.Geometries;

namespace ZoningHub.Geo;

public static class GeoJson
{
    /// <summary>Reads a GeoJSON geometry object; throws <see cref="JsonException"/> with the reader's reason when it is not one.</summary>
    public static Geometry ReadGeometry(JsonElement element) =>
        element.Deserialize<Geometry>(GeoContext.GeoJsonOptions)
        ?? throw new JsonException("GeoJSON geometry is null.");

    public static string Write(Geometry geometry) =>
        JsonSerializer.Serialize(geometry, GeoContext.GeoJsonOptions);

    public static JsonElement ToElement(Geometry geometry) =>
        JsonSerializer.SerializeToElement(geometry, GeoContext.GeoJsonOptions);
}
