using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Hub.Api;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Tests;

/// <summary>The map's simplified geometry is kept per unit version: a redraw gives the same answer, and a new version its own.</summary>
public sealed class When_the_map_draws_units_simplified
{
    [Fact]
    public void Should_draw_a_kept_version_as_it_drew_it_and_a_new_version_from_its_own_geometry()
    {
        var first = Version(1, radius: 0.05);
        var drawn = Geometry(Feature(first, 0.001));
        Assert.Equal(GeoJsonFeatures.GeometryJson(first.GeometryWkb, 0.001), drawn);
        Assert.Equal(drawn, Geometry(Feature(first, 0.001)));

        var reshaped = Version(2, radius: 0.08);
        Assert.Equal(GeoJsonFeatures.GeometryJson(reshaped.GeometryWkb, 0.001), Geometry(Feature(reshaped, 0.001)));
        Assert.NotEqual(drawn, Geometry(Feature(reshaped, 0.001)));
        // Exact geometry is never taken from what was kept for the map.
        Assert.Equal(GeoJsonFeatures.GeometryJson(first.GeometryWkb, null), Geometry(Feature(first)));
    }

    static LoggedUnit Version(int version, double radius)
    {
        var wkb = GeoContext.WriteWkb(GeoContext.Factory.CreatePoint(new Coordinate(120, 30)).Buffer(radius, 90));
        // The content hash covers the geometry; a fresh one per run keeps this spec apart from any other drawing.
        return new LoggedUnit(version, "ZH33010610001", "id", "330106", UnitType.PriorityProtection, version, false, wkb, 1, Guid.NewGuid().ToString("N"),
            [], [], DateTimeOffset.UnixEpoch);
    }

    static JsonNode Feature(LoggedUnit unit, double? simplify = null)
    {
        using var written = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(written))
        {
            UnitGeoJson.Writer(simplify)(json, unit);
        }

        return JsonNode.Parse(written.ToArray())!;
    }

    static string Geometry(JsonNode feature) => feature["geometry"]!.ToJsonString();
}
