using System.Collections.Concurrent;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Precision;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Source;

/// <summary>
/// Reads the counties of some provinces from the shared boundary file. Some polygons there are invalid as
/// shipped, so each is fixed (<see cref="GeometryFixer"/>) and snapped to the precision grid before anything is
/// cut from it. Results are kept per file and province list: the file is read-only and tests call often.
/// </summary>
static class CountySource
{
    static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<County>>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<County> Load(string path, IReadOnlyList<string> provinces)
    {
        var key = $"{Path.GetFullPath(path)}|{string.Join(',', provinces)}";
        return Cache.GetOrAdd(key, _ => new Lazy<IReadOnlyList<County>>(() => Read(path, provinces))).Value;
    }

    static List<County> Read(string path, IReadOnlyList<string> provinces)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => (Feature: f, Code: Code(f.GetProperty("properties"))))
            .Where(f => f.Code is { Length: 6 } code && code.All(char.IsAsciiDigit) && provinces.Contains(code[..2]))
            // The merged file repeats a few codes; the first polygon stands for the county.
            .DistinctBy(f => f.Code)
            .Select(f => ToCounty(f.Feature, f.Code!))
            .Where(c => !c.Geometry.IsEmpty)
            .OrderBy(c => c.Code, StringComparer.Ordinal)];
    }

    static string? Code(JsonElement properties) =>
        properties.TryGetProperty("adcode", out var code) && code.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? code.ToString()
            : null;

    static County ToCounty(JsonElement feature, string code)
    {
        var properties = feature.GetProperty("properties");
        var raw = GeoJson.ReadGeometry(feature.GetProperty("geometry"));
        // The file's 5 decimals are on the grid already; only a repair adds off-grid intersection points.
        var geometry = raw.IsValid ? raw : GeometryPrecisionReducer.Reduce(GeometryFixer.Fix(raw), GeoContext.Factory.PrecisionModel);
        var seat = properties.TryGetProperty("cp_lon", out var lon) && properties.TryGetProperty("cp_lat", out var lat)
                   && lon.ValueKind == JsonValueKind.Number && lat.ValueKind == JsonValueKind.Number
            ? GeoContext.Factory.CreatePoint(new Coordinate(lon.GetDouble(), lat.GetDouble()))
            : geometry.InteriorPoint;
        if (!geometry.Contains(seat))
        {
            seat = geometry.InteriorPoint;
        }

        var name = properties.TryGetProperty("name", out var n) ? n.GetString() ?? code : code;
        return new County(code, name, geometry, seat, GaussKruger.AreaSquareMetres(geometry));
    }
}
