using System.Text.Json;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// Reads positions straight from GeoJSON text, not through NetTopologySuite, so what is measured is exactly what the
/// reader published; and measures the ground distance between two longitude/latitude points.
/// </summary>
static class Positions
{
    const double MetresPerRadian = 6378137.0;

    public static IReadOnlyList<(double Lon, double Lat)> Of(JsonElement geometry)
    {
        var positions = new List<(double, double)>();
        Collect(geometry.GetProperty("coordinates"), positions);
        return positions;
    }

    /// <summary>
    /// Metres between two points, on a sphere of CGCS2000's equatorial radius: at most 0.7 % off the ellipsoid,
    /// which is nothing against a 1 cm tolerance.
    /// </summary>
    public static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b)
    {
        var east = (a.Lon - b.Lon) * Math.Cos(b.Lat * Math.PI / 180);
        var north = a.Lat - b.Lat;
        return Math.Sqrt(east * east + north * north) * Math.PI / 180 * MetresPerRadian;
    }

    /// <summary>The published vertex nearest to the one PROJ computed, in metres.</summary>
    public static double Error(JsonElement geometry, ExpectedVertex expected) =>
        Of(geometry).Min(p => Metres(p, (expected.Lon, expected.Lat)));

    static void Collect(JsonElement element, List<(double, double)> positions)
    {
        if (element[0].ValueKind == JsonValueKind.Number)
        {
            positions.Add((element[0].GetDouble(), element[1].GetDouble()));
            return;
        }

        foreach (var child in element.EnumerateArray())
        {
            Collect(child, positions);
        }
    }
}
