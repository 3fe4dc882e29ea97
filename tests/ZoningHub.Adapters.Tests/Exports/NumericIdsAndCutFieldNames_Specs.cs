using System.Text;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;
using static ZoningHub.Adapters.Tests.Exports.HandMadeShapefile;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// Found by review (session 17), now fixed: before, GeoJsonNumbers.Text takes an id that does not fit a decimal (beyond 7.9e28, or a fraction past
/// double precision) as the double it rounds to. Two distinct ids become one ("1E+32"), and a valid export is refused as
/// giving an id twice; before, each kept its own text.
/// </summary>
public sealed class When_an_export_numbers_its_ids_beyond_what_a_decimal_holds
{
    [Theory]
    [InlineData("100000000000000000000000000000001", "100000000000000000000000000000002")]
    [InlineData("12345678901234567.1", "12345678901234567.3")]
    public void Should_keep_two_different_ids_apart(string first, string second)
    {
        var features = ExportReader.Read("r.geojson", Export(first, second), Redline);

        Assert.Equal(2, features.Select(f => f.Id).Distinct().Count());
    }

    static byte[] Export(params string[] ids) => Encoding.UTF8.GetBytes($$"""
        {"type":"FeatureCollection","features":[{{string.Join(",", ids.Select((id, i) => $$$"""
            {"type":"Feature","properties":{"HXBH":{{{id}}},"HXMC":"红线","XZQDM":"330127"},
             "geometry":{"type":"Polygon","coordinates":[[[{{{119.1 + i}}},29.6],[{{{119.15 + i}}},29.6],[{{{119.15 + i}}},29.65],[{{{119.1 + i}}},29.6]]]}}
            """))}}]}
        """);
}

/// <summary>
/// Found by review (session 17), now fixed: before, without a .cpg, the UTF-8 guess now needs the field names to be valid UTF-8 too. A UTF-8 name
/// cut to the descriptor's 10 bytes in the middle of a character (4 Chinese characters are 12 bytes) is not, and the
/// whole table, whose values are valid UTF-8, is read as GBK: every Chinese value garbled. Before, the values decided.
/// </summary>
public sealed class When_a_dbf_without_cpg_has_a_UTF8_field_name_cut_mid_character
{
    static readonly (double X, double Y)[] Shell = Square(500000, 3300000, 5000, clockwise: true);

    [Fact]
    public void Should_still_read_its_values_as_UTF8()
    {
        var zip = Rezip(Zip(5, new Shape("HX-1", [Shell])), (name, content) => name.EndsWith(".cpg", StringComparison.Ordinal) ? null
            : name.EndsWith(".dbf", StringComparison.Ordinal) ? CutName(Dbf.Write([("HXBH", 'C', 20, 0), ("HXMC", 'C', 30, 0), ("XZQDM", 'C', 6, 0), ("QQQQQQQQQQ", 'C', 4, 0)],
                [["HX-1", "千岛湖红线", "330127", "x"]], Encoding.UTF8))
            : content);

        var feature = Assert.Single(ExportReader.Read("redline.zip", zip, Redline));

        Assert.Equal("千岛湖红线", feature.Properties["name"].GetString());
    }

    /// <summary>The fourth field's name: 管控单元 in UTF-8, cut to 10 bytes (管控单 and the first byte of 元).</summary>
    static byte[] CutName(byte[] dbf)
    {
        var cut = Encoding.UTF8.GetBytes("管控单元")[..10];
        cut.CopyTo(dbf, 32 + 3 * 32);
        dbf[32 + 3 * 32 + 10] = 0;
        return dbf;
    }
}
