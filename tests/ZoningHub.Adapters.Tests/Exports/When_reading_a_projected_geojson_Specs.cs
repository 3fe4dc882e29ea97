using System.Text;
using System.Text.Json.Nodes;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

public sealed class When_reading_a_projected_geojson_Specs
{
    const string Fixture = "reserve-4522.geojson";

    [Fact]
    public void Should_put_every_vertex_within_1_cm_of_where_PROJ_puts_it()
    {
        var features = Read(Fixture, Reserve).ToDictionary(f => f.Id);

        foreach (var vertices in ExpectedVertices("EPSG:4522").GroupBy(v => v.Id))
        {
            var geometry = features[vertices.Key].Geometry;
            Assert.Equal(vertices.Count(), Positions.Of(geometry).Distinct().Count());
            Assert.All(vertices, vertex => Assert.InRange(Positions.Error(geometry, vertex), 0, 0.01));
        }
    }

    [Fact]
    public void Should_translate_the_departments_vocabulary_and_pass_unlisted_values_through()
    {
        var features = Read(Fixture, Reserve).ToDictionary(f => f.Id, f => f.Properties);

        Assert.Equal(("national", "core"), (features["5328001"]["level"].GetString(), features["5328001"]["zone"].GetString()));
        Assert.Equal("general", features["5328002"]["zone"].GetString());
        Assert.Equal(("州级", "general"), (features["5328231"]["level"].GetString(), features["5328231"]["zone"].GetString()));
        Assert.Equal("布龙州级自然保护区", features["5328231"]["name"].GetString());
    }

    [Theory]
    [InlineData("EPSG:4522")]
    [InlineData("urn:ogc:def:crs:EPSG:9.8.15:4522")]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/4522")]
    public void Should_read_the_other_ways_of_naming_the_zone_alike(string name)
    {
        var renamed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Bytes(Fixture)).Replace("urn:ogc:def:crs:EPSG::4522", name, StringComparison.Ordinal));

        Assert.Equal(Read(Fixture, Reserve).Select(f => f.Hash), ExportReaderRead(renamed).Select(f => f.Hash));
    }

    [Fact]
    public void Should_hash_the_reprojected_geometry_so_the_same_layer_in_longitude_latitude_is_unchanged()
    {
        var projected = Read(Fixture, Reserve);
        var lonLat = JsonNode.Parse(Bytes(Fixture))!.AsObject();
        lonLat.Remove("crs");
        foreach (var (feature, mapped) in lonLat["features"]!.AsArray().Zip(projected))
        {
            feature!["geometry"] = JsonNode.Parse(mapped.Geometry.GetRawText());
        }

        var reread = ExportReaderRead(Encoding.UTF8.GetBytes(lonLat.ToJsonString()));

        Assert.Equal(projected.Select(f => (f.Id, f.Hash)), reread.Select(f => (f.Id, f.Hash)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""
                "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
                """)]
    [InlineData("""
                "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:EPSG::4490" } },
                """)]
    public void Should_pass_longitude_latitude_geometry_through_as_written(string crs)
    {
        const string geometry = """{"type":"Polygon","coordinates":[[[120.1,30.2],[120.2,30.2],[120.2,30.30000001],[120.1,30.2]]]}""";
        var export = $$"""{"type":"FeatureCollection",{{crs}}"features":[{"type":"Feature","properties":{"BHQBM":"1","BHQMC":"保护区","JB":"省级","GNFQ":"核心区"},"geometry":{{geometry}}}]}""";

        var feature = Assert.Single(ExportReaderRead(Encoding.UTF8.GetBytes(export)));

        Assert.Equal(geometry, feature.Geometry.GetRawText());
    }

    static IReadOnlyList<Kit.Exports.MappedFeature> ExportReaderRead(byte[] geoJson) => Kit.Exports.ExportReader.Read("reserve.geojson", geoJson, Reserve);
}
