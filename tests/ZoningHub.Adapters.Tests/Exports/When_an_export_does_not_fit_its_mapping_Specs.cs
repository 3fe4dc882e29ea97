using System.Buffers.Binary;
using System.Text;
using ZoningHub.Adapters.Kit;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>Exports that read but cannot be mapped onto the contract: the message names the feature, its id and the rule.</summary>
public sealed class When_an_export_does_not_fit_its_mapping_Specs
{
    static readonly LayerMapping IdOnly = new() { IdField = "BHQBM" };

    [Fact]
    public void Should_name_the_missing_id_field_and_list_the_fields_the_shapefile_has()
    {
        var message = Refusal("redline.zip", Bytes("bad/redline-field-bh.zip"), Redline);

        Assert.StartsWith("unknown field 'HXBH' (the id field) of the layer's mapping: 'redline.dbf' has the fields BH, HXMC, XZQDM, PZRQ, MJ.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_name_a_missing_property_field_and_list_the_fields_the_GeoJSON_has()
    {
        var mapping = new LayerMapping { IdField = "BHQBM", Properties = { ["name"] = "BHQM", ["level"] = "JB" } };

        var message = Refusal("reserve.geojson", Bytes("reserve-4522.geojson"), mapping);

        Assert.StartsWith("unknown field 'BHQM' (property 'name') of the layer's mapping: the GeoJSON has the fields BHQBM, BHQMC, JB, GNFQ.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_duplicate_ids_naming_both_records() =>
        Assert.StartsWith("record 3 of 'redline.shp': id 'HX330106001' (field HXBH) appears more than once, first at record 1 of 'redline.shp'.",
            Refusal("redline.zip", Bytes("bad/redline-duplicate-ids.zip"), Redline), StringComparison.Ordinal);

    [Fact]
    public void Should_refuse_a_null_shape_naming_the_record_and_its_id() =>
        Assert.StartsWith("record 3 of 'redline.shp' (HXBH 'HX330226001') has no geometry",
            Refusal("redline.zip", Bytes("bad/redline-null-geometry.zip"), Redline), StringComparison.Ordinal);

    [Fact]
    public void Should_refuse_a_shape_with_a_non_finite_coordinate()
    {
        // The first vertex of the first polygon record: 100-byte header, 8-byte record header, shape type, box, part and point counts, one part index.
        var zip = WithPart(Bytes("redline-4549-utf8.zip"), ".shp", shp =>
        {
            BinaryPrimitives.WriteDoubleLittleEndian(shp.AsSpan(100 + 8 + 4 + 32 + 4 + 4 + 4), double.NaN);
            return shp;
        });

        Assert.StartsWith("record 1 of 'export/redline/redline.shp': vertex 0 has a non-finite coordinate (NaN, 3344567.89)",
            Refusal("redline.zip", zip, Redline), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "features[1] (BHQBM 'B') has no geometry (null)")]
    [InlineData("""{"type":"Polygon","coordinates":[]}""", "features[1] (BHQBM 'B') has an empty Polygon geometry")]
    [InlineData("""{"type":"Point","coordinates":[120,1e999]}""", "features[1] (BHQBM 'B'): geometry.coordinates[1] is 1e999, not a finite number.")]
    public void Should_refuse_a_GeoJSON_feature_without_a_usable_geometry(string geometry, string expected) =>
        Assert.StartsWith(expected, Refusal("reserve.geojson", Export(("A", """{"type":"Point","coordinates":[120,30]}"""), ("B", geometry)), IdOnly), StringComparison.Ordinal);

    [Fact]
    public void Should_refuse_duplicate_ids_in_a_GeoJSON() =>
        Assert.StartsWith("features[1]: id 'A' (field BHQBM) appears more than once, first at features[0].",
            Refusal("reserve.geojson", Export(("A", """{"type":"Point","coordinates":[120,30]}"""), ("A", """{"type":"Point","coordinates":[121,30]}""")), IdOnly),
            StringComparison.Ordinal);

    [Fact]
    public void Should_refuse_zone_coordinates_written_without_the_zone_prefix()
    {
        var export = Export([("A", """{"type":"Point","coordinates":[431250.125,4424520.25]}""")], "EPSG:4527");

        Assert.StartsWith("features[0] (BHQBM 'A'): vertex 0 (431250.125, 4424520.25) is not in EPSG:4527 (CGCS2000 3-degree Gauss-Krüger, central meridian 117E, false easting 39500000): x must be the easting",
            Refusal("reserve.geojson", export, IdOnly), StringComparison.Ordinal);
    }

    static byte[] Export(params (string Id, string Geometry)[] features) => Export(features, null);

    static byte[] Export((string Id, string Geometry)[] features, string? crs)
    {
        var crsMember = crs is null ? "" : "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"" + crs + "\"}},";
        var members = features.Select(f => "{\"type\":\"Feature\",\"properties\":{\"BHQBM\":\"" + f.Id + "\"},\"geometry\":" + f.Geometry + "}");
        return Encoding.UTF8.GetBytes("{\"type\":\"FeatureCollection\"," + crsMember + "\"features\":[" + string.Join(",", members) + "]}");
    }
}
