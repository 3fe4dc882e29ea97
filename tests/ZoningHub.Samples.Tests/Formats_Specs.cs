using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Tests;

[Collection(Samples.Name)]
public sealed class When_departments_export_in_their_own_formats(SampleRun run)
{
    [Fact]
    public void Should_zip_one_map_shapefiles_with_an_esri_prj_of_zone_40_and_gbk_attributes()
    {
        var redline = run.Manifests[0].Files.Single(f => f.Layer == "ecological-redline");
        using var zip = ZipFile.OpenRead(run.PathOf(0, "ecological-redline"));

        Assert.Equal(("shapefile-zip", 4528), (redline.Format, redline.Epsg));
        Assert.Equal([".cpg", ".dbf", ".prj", ".shp", ".shx"], zip.Entries.Select(e => Path.GetExtension(e.Name)).Order(StringComparer.Ordinal));
        Assert.Equal("GBK", Encoding.ASCII.GetString(Exports.Entry(zip, ".cpg").ToArray()));
        Assert.Equal(GaussKrugerZones.EsriWkt(120, zonePrefix: true), Encoding.ASCII.GetString(Exports.Entry(zip, ".prj").ToArray()));
        var dbf = Exports.Entry(zip, ".dbf").ToArray();
        Assert.Equal(0x4D, dbf[29]); // dBASE language driver: GBK (code page 936)
        Assert.All(Exports.ReadShapefile(run.PathOf(0, "ecological-redline")).SelectMany(f => f.Geometry.Coordinates),
            c => Assert.InRange(c.X, 39_000_000, 41_000_000));
    }

    [Fact]
    public void Should_date_the_dbf_header_and_zip_entries_on_the_export_day_not_today()
    {
        using var zip = ZipFile.OpenRead(run.PathOf(0, "admin-division"));

        var header = Exports.Entry(zip, ".dbf").ToArray();
        Assert.Equal(new byte[] { 124, 6, 1 }, header[1..4]);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2024, 6, 1, 12, 0, 0), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void Should_read_county_names_back_in_chinese_and_codes_as_text()
    {
        var counties = Exports.ById(Exports.ReadShapefile(run.PathOf(0, "admin-division")), "admin-division");

        Assert.Equal(run.Manifests[0].Counties, counties.Count);
        Assert.Equal("上城区", Exports.Text(counties["330102"], Exports.Field("admin-division", "name")));
        Assert.Equal("迎江区", Exports.Text(counties["340802"], Exports.Field("admin-division", "name")));
    }

    [Fact]
    public void Should_name_the_gauss_kruger_zone_in_forestry_geojson_and_leave_water_and_eia_in_longitude_latitude()
    {
        using var forestry = JsonDocument.Parse(File.ReadAllBytes(run.PathOf(0, "nature-reserve")));
        Assert.Equal("urn:ogc:def:crs:EPSG::4549", forestry.RootElement.GetProperty("crs").GetProperty("properties").GetProperty("name").GetString());
        Assert.All(Exports.ReadGeoJson(run.PathOf(0, "natural-park")).SelectMany(f => f.Geometry.Coordinates), c => Assert.InRange(c.X, -100_000, 1_000_000));

        foreach (var layer in new[] { "drinking-water-source-zone", "industrial-park" })
        {
            using var plain = JsonDocument.Parse(File.ReadAllBytes(run.PathOf(0, layer)));
            Assert.False(plain.RootElement.TryGetProperty("crs", out _));
            Assert.All(Exports.ReadGeoJson(run.PathOf(0, layer)).SelectMany(f => f.Geometry.Coordinates), c =>
            {
                Assert.InRange(c.X, 114, 124);
                Assert.InRange(c.Y, 27, 35);
            });
        }
    }

    [Fact]
    public void Should_keep_industry_codes_as_strings_with_their_leading_zeros()
    {
        using var projects = JsonDocument.Parse(File.ReadAllBytes(run.PathOf(0, "eia-project")));
        var field = Exports.Field("eia-project", "industry");

        var codes = projects.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty(field)).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{4}$", c.GetString()));
        Assert.Contains(codes, c => c.GetString()!.StartsWith('0'));
    }
}
