using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Samples.World;

namespace ZoningHub.Samples.Writing;

/// <summary>
/// A layer as a GeoJSON FeatureCollection in the department's field names, one feature per line so exports
/// diff well. Chinese stays readable (not \u-escaped). Projected exports carry the old-style <c>crs</c> member
/// (<c>urn:ogc:def:crs:EPSG::4549</c>) with x easting, y northing, as GIS software writes them.
/// </summary>
static class GeoJsonExportWriter
{
    static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static byte[] Write(string name, string layer, IReadOnlyList<SampleFeature> features, Func<Geometry, Geometry> project, int? crs)
    {
        var fields = Schema.Fields(layer);
        var text = new StringBuilder();
        text.Append("{\"type\":\"FeatureCollection\",\"name\":").Append(Json(w => w.WriteStringValue(name)));
        if (crs is { } epsg)
        {
            text.Append(",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::").Append(epsg).Append("\"}}");
        }

        text.Append(",\"features\":[\n");
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            text.Append(Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                foreach (var (field, property) in fields)
                {
                    w.WriteString(field, property is null ? feature.Id : feature.Properties.GetValueOrDefault(property));
                }

                w.WriteEndObject();
                w.WritePropertyName("geometry");
                JsonSerializer.Serialize(w, project(feature.Geometry), GeoContext.GeoJsonOptions);
                w.WriteEndObject();
            }));
            text.Append(i < features.Count - 1 ? ",\n" : "\n");
        }

        text.Append("]}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
