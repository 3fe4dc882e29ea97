using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// A GeoJSON value with each number written as the double it is, as short as it round-trips: 119.10 and 119.1, or
/// 29.600000000000001 and 29.6, are the same coordinate, and hashed as written they were a new version of every feature.
/// Not rounded, unlike the projected path's 1e-9°: numbers already written short (GDAL's 15 significant digits,
/// JavaScript, Python, .NET) then keep their text, so the features of stores made before keep their hashes. A
/// position keeps two dimensions, as a Shapefile's PolygonZ and a projected export keep: a height passed through made
/// the contract's geometry three-dimensional, and an export that only re-surveyed heights a new version of each feature.
/// </summary>
static class GeoJsonNumbers
{
    public static JsonElement Normalised(JsonElement value)
    {
        var written = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(written))
        {
            Write(value, writer, inCoordinates: false);
        }

        using var document = JsonDocument.Parse(written.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A whole number as text, the same whichever way it is written: 330127001, 330127001.0 and 3.30127001E8 are one id.
    /// GDAL writes a Real field's whole numbers with ".0", where a Shapefile's N field gives none; compared as written, a
    /// layer moving between the two deleted every feature and published each again under a new id, and two features
    /// numbered 1200 and 1.2E3 passed the check for an id given twice. Any other number keeps its own text: through a
    /// double, two ids a double cannot tell apart (beyond 2^53, or past a decimal's range) became one.
    /// </summary>
    public static string Text(JsonElement number) =>
        number.TryGetDecimal(out var exact) && exact == decimal.Truncate(exact) ? decimal.Truncate(exact).ToString(CultureInfo.InvariantCulture)
        : number.GetRawText();

    static void Write(JsonElement value, Utf8JsonWriter writer, bool inCoordinates)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in value.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    Write(member.Value, writer, member.Name == "coordinates");
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                // A position (numbers, inside "coordinates"; a bbox, also numbers, keeps all of its) keeps longitude and latitude.
                var position = inCoordinates && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.Number;
                foreach (var item in position ? value.EnumerateArray().Take(2) : value.EnumerateArray())
                {
                    Write(item, writer, inCoordinates);
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
