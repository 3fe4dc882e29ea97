using System.Text.Json.Nodes;
using Google.Protobuf;
using NetTopologySuite.Geometries;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;
using ZoningHub.Node.Query;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node draws a unit simplified for a map as the hub does, kept per unit version (by content hash): a redraw gives
/// the same answer, a new version its own, and the exact geometry is never taken from what was kept.
/// </summary>
public sealed class When_a_node_draws_units_simplified
{
    [Fact]
    public void Should_draw_a_kept_version_as_it_drew_it_and_a_new_version_from_its_own_geometry()
    {
        var first = Version(1, radius: 0.05);
        var drawn = Geometry(first, 0.001);
        Assert.Equal(GeoJsonFeatures.GeometryJson(first.GeometryWkb.ToByteArray(), 0.001), drawn);
        Assert.Equal(drawn, Geometry(first, 0.001));

        var reshaped = Version(2, radius: 0.08);
        Assert.Equal(GeoJsonFeatures.GeometryJson(reshaped.GeometryWkb.ToByteArray(), 0.001), Geometry(reshaped, 0.001));
        Assert.Equal(GeoJsonFeatures.GeometryJson(first.GeometryWkb.ToByteArray(), null), Geometry(first, null));
    }

    [Fact]
    public void Should_draw_units_without_a_content_hash_each_from_its_own_geometry()
    {
        var (small, large) = (Version(1, radius: 0.05, hash: ""), Version(2, radius: 0.08, hash: ""));
        Assert.Equal(GeoJsonFeatures.GeometryJson(small.GeometryWkb.ToByteArray(), 0.001), Geometry(small, 0.001));
        Assert.Equal(GeoJsonFeatures.GeometryJson(large.GeometryWkb.ToByteArray(), 0.001), Geometry(large, 0.001));
    }

    static UnitRevision Version(int version, double radius, string? hash = null) => new()
    {
        Code = "ZH33010610001", County = "330106", Type = UnitType.PriorityProtection, Version = version, Revision = version,
        // The content hash covers the geometry; a fresh one per run keeps this spec apart from any other drawing.
        ContentHash = hash ?? Guid.NewGuid().ToString("N"),
        GeometryWkb = ByteString.CopyFrom(GeoContext.WriteWkb(GeoContext.Factory.CreatePoint(new Coordinate(120, 30)).Buffer(radius, 90))),
    };

    static string Geometry(UnitRevision unit, double? simplify)
    {
        using var written = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(written))
        {
            UnitFeature.Writer(simplify)(json, unit);
        }

        return JsonNode.Parse(written.ToArray())!["geometry"]!.ToJsonString();
    }
}
