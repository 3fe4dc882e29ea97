using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>The feature every read endpoint of hub and nodes writes, exact or simplified for display.</summary>
public sealed class When_a_unit_is_written_as_a_GeoJSON_feature
{
    // A ring of 720 vertices a tenth of a degree across: what a county-sized unit's edge looks like to a map.
    static readonly byte[] Round = GeoContext.WriteWkb(GeoContext.Factory.CreatePoint(new Coordinate(120, 30)).Buffer(0.05, 180));

    [Fact]
    public void Should_keep_every_vertex_unless_asked_to_simplify()
    {
        Assert.Equal(Vertices(Round), Vertices(Feature(null)));
        Assert.Equal(Vertices(Round), Vertices(Feature(0)));
    }

    [Fact]
    public void Should_drop_vertices_below_the_tolerance_and_keep_a_valid_polygon()
    {
        var simplified = Feature(0.001);
        Assert.InRange(Vertices(simplified), 4, Vertices(Round) / 4);
        Assert.Equal("Polygon", simplified["geometry"]!["type"]!.GetValue<string>());
        using var geometry = System.Text.Json.JsonDocument.Parse(simplified["geometry"]!.ToJsonString());
        Assert.True(GeoJson.ReadGeometry(geometry.RootElement).IsValid);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(0.5)]
    public void Should_say_what_a_tolerance_out_of_range_should_be(double simplify) =>
        Assert.Equal($"simplify '{simplify}' is not a tolerance in degrees from 0 to 0.1, such as 0.001.", GeoJsonFeatures.SimplifyProblem(simplify));

    static JsonObject Feature(double? simplify) => JsonNode.Parse(GeoJsonFeatures.Written(Round, (json, wkb) =>
        GeoJsonFeatures.WriteFeature(json, "ZH33010610001", wkb, (g, w) => GeoJsonFeatures.WriteGeometry(g, w, simplify), (_, _) => { })).Span)!.AsObject();

    static int Vertices(byte[] wkb) => GeoContext.ReadWkb(wkb).NumPoints;

    static int Vertices(JsonObject feature) => feature["geometry"]!["coordinates"]![0]!.AsArray().Count;
}
