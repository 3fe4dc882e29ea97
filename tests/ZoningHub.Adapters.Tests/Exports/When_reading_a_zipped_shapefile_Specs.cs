using System.Text;
using System.Text.Json;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

public sealed class When_reading_a_zipped_shapefile_Specs
{
    [Theory]
    [InlineData("redline-4527-gbk.zip", "EPSG:4527")]
    [InlineData("redline-4549-utf8.zip", "EPSG:4549")]
    [InlineData("redline-4527-gbk-no-cpg.zip", "EPSG:4527")]
    public void Should_put_every_vertex_within_1_cm_of_where_PROJ_puts_it(string fixture, string crs)
    {
        var features = Read(fixture, Redline).ToDictionary(f => f.Id);

        foreach (var vertices in ExpectedVertices(crs).GroupBy(v => v.Id))
        {
            var geometry = features[vertices.Key].Geometry;
            Assert.Equal(vertices.Count(), Positions.Of(geometry).Distinct().Count());
            Assert.All(vertices, vertex => Assert.InRange(Positions.Error(geometry, vertex), 0, 0.01));
        }
    }

    [Theory]
    [InlineData("redline-4527-gbk.zip", "HX130633001", "易县太行山水源涵养生态保护红线", "130633")]
    [InlineData("redline-4549-utf8.zip", "HX330127001", "千岛湖饮用水水源保护红线", "330127")]
    [InlineData("redline-4527-gbk-no-cpg.zip", "HX120116001", "七里海湿地生态保护红线", "120116")]
    public void Should_decode_the_attributes_in_the_encoding_of_the_cpg_or_else_GBK(string fixture, string id, string name, string county)
    {
        var feature = Assert.Single(Read(fixture, Redline), f => f.Id == id);

        Assert.Equal(name, feature.Properties["name"].GetString());
        Assert.Equal(county, feature.Properties["county"].GetString());
    }

    [Fact]
    public void Should_read_UTF_8_attributes_as_UTF_8_when_no_cpg_says_so()
    {
        // Read as GBK, as once, 千岛湖饮用水水源保护红线 came out as other characters, published without a word.
        var zip = WithPart(Bytes("redline-4549-utf8.zip"), ".cpg", _ => null);

        Assert.Equal("千岛湖饮用水水源保护红线", Assert.Single(ExportReader.Read("redline.zip", zip, Redline), f => f.Id == "HX330127001").Properties["name"].GetString());
    }

    [Theory]
    [InlineData("936")]
    [InlineData("CP936")]
    [InlineData("gbk")]
    [InlineData("GB2312")]
    [InlineData("ANSI 936")]
    public void Should_take_the_names_Chinese_GIS_tools_write_for_GBK_in_a_cpg(string cpg)
    {
        var zip = WithPart(Bytes("redline-4527-gbk.zip"), ".cpg", _ => Encoding.ASCII.GetBytes(cpg + "\r\n"));

        var feature = Assert.Single(ExportReader.Read("redline.zip", zip, Redline), f => f.Id == "HX110108001");

        Assert.Equal("西山生态保护红线", feature.Properties["name"].GetString());
    }

    [Fact]
    public void Should_give_dates_as_days_and_numbers_as_JSON_numbers()
    {
        var mapping = new LayerMapping { IdField = "HXBH", Properties = { ["approvedOn"] = "PZRQ", ["area"] = "MJ" } };

        var feature = Assert.Single(Read("redline-4527-gbk.zip", mapping), f => f.Id == "HX110108001");

        Assert.Equal("2023-05-18", feature.Properties["approvedOn"].GetString());
        Assert.Equal(JsonValueKind.Number, feature.Properties["area"].ValueKind);
        Assert.Equal(3412.75, feature.Properties["area"].GetDouble());
    }

    [Fact]
    public void Should_keep_polygons_with_holes_and_multipolygons_as_they_were_drawn()
    {
        var features = Read("redline-4527-gbk.zip", Redline).ToDictionary(f => f.Id, f => f.Geometry);

        Assert.Equal("Polygon", features["HX110108001"].GetProperty("type").GetString());
        Assert.Equal(2, features["HX110108001"].GetProperty("coordinates").GetArrayLength());
        Assert.Equal("MultiPolygon", features["HX120116001"].GetProperty("type").GetString());
        Assert.Equal(2, features["HX120116001"].GetProperty("coordinates").GetArrayLength());
    }

    [Fact]
    public void Should_publish_the_same_features_and_hashes_as_the_GeoJSON_the_shapefile_was_made_from()
    {
        var shapefile = Read("redline-4549-utf8.zip", Redline);
        var geoJson = Read("sources/redline-4549.geojson", Redline);

        Assert.Equal(geoJson.Select(f => (f.Id, f.Hash)), shapefile.Select(f => (f.Id, f.Hash)));
        Assert.Equal(geoJson.Select(f => f.Geometry.GetRawText()), shapefile.Select(f => f.Geometry.GetRawText()));
    }

    [Fact]
    public void Should_pass_a_self_intersecting_polygon_on_for_the_hub_to_quarantine()
    {
        var bowTie = Assert.Single(Read("redline-4549-bow-tie.zip", Redline), f => f.Id == "HX330226001");

        Assert.Equal("Polygon", bowTie.Geometry.GetProperty("type").GetString());
        Assert.Equal(4, Positions.Of(bowTie.Geometry).Distinct().Count());
    }

    [Theory]
    [InlineData("redline-4527-gbk.zip")]
    [InlineData("redline-4549-utf8.zip")]
    public void Should_round_coordinates_to_a_billionth_of_a_degree(string fixture)
    {
        var ordinates = Read(fixture, Redline).SelectMany(f => Positions.Of(f.Geometry)).SelectMany(p => new[] { p.Lon, p.Lat });

        Assert.All(ordinates, value => Assert.Equal(Math.Round(value, 9), value));
    }
}
