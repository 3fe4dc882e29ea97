using System.Buffers;
using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// A GeoJSON value with each number written as the double it is, as short as it round-trips: 119.10 and 119.1, or
/// 29.600000000000001 and 29.6, are the same coordinate, and hashed as written they were a new version of every feature.
/// Not rounded, unlike the projected path's 1e-9°: numbers already written short (GDAL's 15 significant digits,
/// JavaScript, Python, .NET) then keep their text, so the features of stores made before keep their hashes.
/// </summary>
static class GeoJsonNumbers
{
    public static JsonElement Normalised(JsonElement value)
    {
        var written = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(written))
        {
            Write(value, writer);
        }

        using var document = JsonDocument.Parse(written.WrittenMemory);
        return document.RootElement.Clone();
    }

    static void Write(JsonElement value, Utf8JsonWriter writer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in value.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    Write(member.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
