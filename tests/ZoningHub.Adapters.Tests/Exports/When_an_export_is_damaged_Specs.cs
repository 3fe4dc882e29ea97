using System.Text;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>A damaged export is refused whole, with what is wrong and where; none of it is published.</summary>
public sealed class When_an_export_is_damaged_Specs
{
    static readonly byte[] Zip = Bytes("redline-4527-gbk.zip");

    [Fact]
    public void Should_refuse_a_zip_that_is_cut_short() =>
        // Cut short as a copy still under way is: the inbox waits for the rest of it before it refuses it.
        Assert.Contains("the .zip cannot be opened: it is cut short or not a zip archive",
            Assert.Throws<ExportCutShortException>(() => ExportReader.Read("redline.zip", Zip.AsSpan(0, Zip.Length / 2), Redline)).Message);

    [Fact]
    public void Should_refuse_a_shp_that_is_cut_short_naming_what_its_header_declares()
    {
        var message = Refusal("redline.zip", WithPart(Zip, ".shp", shp => shp[..^40]), Redline);

        Assert.Contains("'redline.shp' is cut short: its header declares 676 bytes but it has 636", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_dbf_that_is_cut_short()
    {
        var message = Refusal("redline.zip", WithPart(Zip, ".dbf", dbf => dbf[..^100]), Redline);

        Assert.Contains("'redline.dbf' is cut short: its header declares 3 records", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_polygon_whose_ring_does_not_close_naming_the_record_and_ring()
    {
        var message = Refusal("redline.zip", WithPart(Zip, ".shp", shp =>
        {
            // The first record's first ring: its last point moved off its first.
            var content = 100 + 8;
            var (parts, points) = (BitConverter.ToInt32(shp, content + 36), BitConverter.ToInt32(shp, content + 40));
            var end = parts > 1 ? BitConverter.ToInt32(shp, content + 44 + 4) : points;
            var last = content + 44 + 4 * parts + 16 * (end - 1);
            BitConverter.GetBytes(BitConverter.ToDouble(shp, last) + 100).CopyTo(shp, last);
            return shp;
        }), Redline);

        Assert.StartsWith("record 1 of 'redline.shp': ring 1 has", message, StringComparison.Ordinal);
        Assert.Contains("does not end where it starts", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_GeoJSON_that_is_cut_short()
    {
        var geoJson = Bytes("reserve-4522.geojson");

        Assert.Contains("the GeoJSON is cut short",
            Assert.Throws<ExportCutShortException>(() => ExportReader.Read("reserve.geojson", geoJson.AsSpan(0, geoJson.Length - 300), Reserve)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".prj")]
    [InlineData(".shx")]
    [InlineData(".dbf")]
    public void Should_refuse_a_zip_without_a_required_part(string extension)
    {
        var message = Refusal("redline.zip", WithPart(Bytes("redline-4549-utf8.zip"), extension, _ => null), Redline);

        Assert.Contains($"the .zip has 'export/redline/redline.shp' but no {extension} beside it", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_zip_without_a_shp() =>
        Assert.Contains("the .zip holds 0 .shp files", Refusal("redline.zip", WithPart(Zip, ".shp", _ => null), Redline), StringComparison.Ordinal);

    [Theory]
    [InlineData("xian1980-3-degree-gk-cm-120e.prj", "'redline.prj' describes 'Xian_1980_3_Degree_GK_CM_120E' (Xian 1980 ellipsoid)")]
    [InlineData("wgs84-utm-zone-50n.prj", "'redline.prj' describes 'WGS_1984_UTM_Zone_50N' (WGS 84 ellipsoid)")]
    [InlineData("beijing1954-3-degree-gk-cm-114e.prj", "'redline.prj' describes 'Beijing_1954_3_Degree_GK_CM_114E' (Beijing 1954 (Krasovsky 1940) ellipsoid)")]
    public void Should_refuse_a_prj_of_another_datum_saying_what_is_accepted(string prj, string expected)
    {
        var message = Refusal("redline.zip", WithPart(Zip, ".prj", _ => Bytes($"prj/{prj}")), Redline);

        Assert.StartsWith(expected, message, StringComparison.Ordinal);
        Assert.EndsWith("exports must be CGCS2000 geographic or a CGCS2000 3-degree Gauss-Krüger zone, EPSG:4490 or 4513–4554.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_a_cpg_naming_an_unknown_encoding() =>
        Assert.Contains("'redline.cpg' names the encoding 'KLINGON', which is not known",
            Refusal("redline.zip", WithPart(Zip, ".cpg", _ => "KLINGON"u8.ToArray()), Redline), StringComparison.Ordinal);

    [Theory]
    [InlineData("redline.shp")]
    [InlineData("redline.kml")]
    public void Should_refuse_a_file_that_is_no_export_format(string fileName) =>
        Assert.Contains($"'{fileName}' is not an export this adapter reads", Refusal(fileName, Encoding.UTF8.GetBytes("x"), Redline), StringComparison.Ordinal);
}
