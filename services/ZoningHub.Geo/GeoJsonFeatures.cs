using System.Text.Json;

namespace ZoningHub.Geo;

/// <summary>The GeoJSON shape every read endpoint of hub and nodes answers with (EPSG:4490 longitude/latitude).</summary>
public static class GeoJsonFeatures
{
    /// <summary>
    /// Writes a Feature straight to <paramref name="json"/>, for listings written as they are read.
    /// </summary>
    /// <param name="geometry">Writes the geometry's value (see <see cref="WriteGeometry"/>).</param>
    /// <param name="properties">Writes the properties inside their object.</param>
    public static void WriteFeature<T>(Utf8JsonWriter json, string id, T item, Action<Utf8JsonWriter, T> geometry, Action<Utf8JsonWriter, T> properties)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", id);
        json.WritePropertyName("geometry");
        geometry(json, item);
        json.WritePropertyName("properties");
        json.WriteStartObject();
        properties(json, item);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// One feature written whole into memory, for an answer of a single unit. Written first because the writer flushes
    /// when disposed, which over the response body would be a synchronous write.
    /// </summary>
    public static ReadOnlyMemory<byte> Written<T>(T item, Action<Utf8JsonWriter, T> feature)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            feature(json, item);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Writes the geometry as a GeoJSON value, without first writing it as text (see <see cref="GeometryJson"/>).</summary>
    public static void WriteGeometry(Utf8JsonWriter json, byte[]? wkb, double? simplify)
    {
        if (wkb is null)
        {
            json.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(json, Simplified(GeoContext.ReadWkb(wkb), simplify), GeoContext.GeoJsonOptions);
    }

    /// <summary>A stored geometry written as GeoJSON, null for none.</summary>
    /// <param name="simplify">A tolerance in degrees for display (the dashboard's map), keeping topology; null for the exact geometry.</param>
    public static string? GeometryJson(byte[]? wkb, double? simplify) => wkb is null ? null : GeoJson.Write(Simplified(GeoContext.ReadWkb(wkb), simplify));

    /// <summary>Why <paramref name="simplify"/> is not a display tolerance the read endpoints take, or null.</summary>
    public static string? SimplifyProblem(double? simplify) =>
        simplify is < 0 or > 0.1 || (simplify is { } value && double.IsNaN(value)) ? $"simplify '{simplify}' is not a tolerance in degrees from 0 to 0.1, such as 0.001." : null;

    static NetTopologySuite.Geometries.Geometry Simplified(NetTopologySuite.Geometries.Geometry geometry, double? tolerance) =>
        tolerance is > 0 ? NetTopologySuite.Simplify.TopologyPreservingSimplifier.Simplify(geometry, tolerance.Value) : geometry;
}
