using System.Text.Json;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Checks a GeoJSON geometry's positions before anything reads them: every ordinate a finite number (JSON has no NaN,
/// but 1e999 parses to infinity) and at least one position, so the message can say where the bad value is.
/// </summary>
static class GeoJsonCoordinates
{
    public static void Check(JsonElement geometry, string where)
    {
        if (geometry.ValueKind != JsonValueKind.Object || !geometry.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new ExportFormatException($"{where} has a geometry that is not a GeoJSON geometry object with a 'type'.");
        }

        if (Positions(geometry, where, "geometry") == 0)
        {
            throw new ExportFormatException($"{where} has an empty {type.GetString()} geometry; every feature needs one.");
        }
    }

    static int Positions(JsonElement geometry, string where, string path)
    {
        if (geometry.TryGetProperty("geometries", out var members) && members.ValueKind == JsonValueKind.Array)
        {
            return members.EnumerateArray().Select((member, i) => Positions(member, where, $"{path}.geometries[{i}]")).Sum();
        }

        return geometry.TryGetProperty("coordinates", out var coordinates) ? Count(coordinates, where, $"{path}.coordinates") : 0;
    }

    static int Count(JsonElement value, string where, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ExportFormatException($"{where}: {path} is {value.ValueKind}, not an array of positions.");
        }

        var items = value.EnumerateArray().ToList();
        if (items.Count == 0 || items[0].ValueKind != JsonValueKind.Number)
        {
            return items.Select((item, i) => Count(item, where, $"{path}[{i}]")).Sum();
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Number || !items[i].TryGetDouble(out var ordinate) || !double.IsFinite(ordinate))
            {
                throw new ExportFormatException($"{where}: {path}[{i}] is {items[i].GetRawText()}, not a finite number.");
            }
        }

        return items.Count >= 2 ? 1 : throw new ExportFormatException($"{where}: {path} has {items.Count} ordinate, a position needs two.");
    }
}
