using System.Text.Json;

namespace ZoningHub.Hub.Core.Intake;

/// <summary>
/// What keeps a geometry from being read, in GeoJSON's words (RFC 7946 §3.1): the reader's own refusals named .NET types and
/// byte positions ("Requested value 'polygon' was not found", "could not be converted to NetTopologySuite.Geometries.Geometry")
/// to a department's operator who never sees the hub's code.
/// </summary>
static class GeoJsonShape
{
    static readonly string[] Types = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

    /// <summary>Why <paramref name="geometry"/> is no GeoJSON geometry the hub can read, or null when it may be one.</summary>
    public static string? Problem(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            return $"geometry is a JSON {geometry.ValueKind.ToString().ToLowerInvariant()}, not a GeoJSON geometry object.";
        }

        if (!geometry.TryGetProperty("type", out var member) || member.ValueKind != JsonValueKind.String)
        {
            return "geometry has no 'type' string; GeoJSON names it, e.g. \"Polygon\".";
        }

        var type = member.GetString()!;
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            var meant = Types.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase));
            return $"geometry 'type' {QuotedInput.Of(type)} is no GeoJSON type"
                   + (meant is null ? $"; GeoJSON's are {string.Join(", ", Types)}." : $"; types are case-sensitive: \"{meant}\".");
        }

        if (type == "GeometryCollection")
        {
            return null;
        }

        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            return $"geometry {type} has no 'coordinates' array.";
        }

        return type switch
        {
            "Point" => Position(coordinates, "coordinates"),
            "Polygon" => Polygon(coordinates, "coordinates"),
            "MultiPolygon" => Each(coordinates, "coordinates", Polygon),
            _ => null,
        } is { } problem ? $"geometry {type}: {problem}" : null;
    }

    static string? Polygon(JsonElement rings, string path) =>
        rings.ValueKind != JsonValueKind.Array ? $"{path} is not an array of linear rings."
        : rings.GetArrayLength() == 0 ? $"{path} has no ring; a polygon is an array of linear rings, the exterior first."
        : Each(rings, path, Ring);

    static string? Ring(JsonElement ring, string path)
    {
        if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 4)
        {
            return $"{path} is not a linear ring: it needs at least 4 positions, the last the same as the first.";
        }

        if (Each(ring, path, Position) is { } position)
        {
            return position;
        }

        var (first, last) = (ring[0], ring[ring.GetArrayLength() - 1]);
        return first[0].GetDouble() == last[0].GetDouble() && first[1].GetDouble() == last[1].GetDouble()
            ? null
            : $"{path} is not closed: its last position {last.GetRawText()} is not its first {first.GetRawText()}.";
    }

    static string? Position(JsonElement position, string path) =>
        position.ValueKind == JsonValueKind.Array && position.GetArrayLength() is 2 or 3
        && position.EnumerateArray().All(ordinate => ordinate.ValueKind == JsonValueKind.Number)
            ? null
            : $"{path} is not a position [longitude, latitude].";

    static string? Each(JsonElement array, string path, Func<JsonElement, string, string?> check) =>
        array.EnumerateArray().Select((item, index) => check(item, $"{path}[{index}]")).FirstOrDefault(problem => problem is not null);
}
