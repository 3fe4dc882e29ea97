using System.Text.Json;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

public sealed class When_recognising_a_coordinate_system_Specs
{
    public static TheoryData<int> ZoneCodes() => [.. Enumerable.Range(4513, 42)];

    [Theory]
    [MemberData(nameof(ZoneCodes))]
    public void Should_recognise_every_3_degree_zone_in_the_prj_GDAL_writes_and_convert_within_1_cm_of_PROJ(int epsg)
    {
        var zone = Assert.Single(Zones(), z => z.Epsg == epsg);

        var crs = SourceCrs.FromPrj(zone.Prj, "zone.prj");

        Assert.Equal((epsg, zone.CentralMeridian), (crs.Epsg, crs.CentralMeridian));
        Assert.InRange(Positions.Metres(crs.ToGeographic(zone.X, zone.Y), (zone.Lon, zone.Lat)), 0, 0.01);
    }

    [Theory]
    [InlineData("cgcs2000-3-degree-gk-zone-39-wkt1.prj", 4527)]
    [InlineData("cgcs2000-geographic.prj", 4490)]
    public void Should_accept_OGC_WKT1_and_geographic_prj_files(string prj, int epsg) =>
        Assert.Equal(epsg, SourceCrs.FromPrj(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "prj", prj)), prj).Epsg);

    [Theory]
    [InlineData("cgcs2000-6-degree-gk-zone-20.prj", "'CGCS2000_GK_Zone_20' (central meridian 117E with false easting 20500000, which is no 3-degree zone")]
    [InlineData("wgs84-utm-zone-50n.prj", "'WGS_1984_UTM_Zone_50N' (WGS 84 ellipsoid)")]
    public void Should_refuse_other_projections_saying_what_they_are(string prj, string expected)
    {
        var message = Assert.Throws<ExportFormatException>(() => SourceCrs.FromPrj(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "prj", prj)), prj)).Message;

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    /// <summary>A reviewer's doubt, now a spec: a zone's parameters written from doubles with float noise were refused as no zone.</summary>
    [Theory]
    [InlineData("\"Central_Meridian\",117.0", "\"Central_Meridian\",117.00000000000001")]
    [InlineData("\"False_Easting\",39500000.0", "\"False_Easting\",39499999.999999996")]
    public void Should_take_a_zones_parameters_with_float_noise(string written, string noisy)
    {
        var zone = Assert.Single(Zones(), z => z.Epsg == 4527);

        Assert.Equal(4527, SourceCrs.FromPrj(zone.Prj.Replace(written, noisy, StringComparison.Ordinal), "zone.prj").Epsg);
    }

    [Fact]
    public void Should_refuse_a_CGCS2000_transverse_Mercator_with_a_UTM_scale_factor()
    {
        var utmLike = Zones()[0].Prj.Replace("\"Scale_Factor\",1.0", "\"Scale_Factor\",0.9996", StringComparison.Ordinal);

        Assert.Contains("(scale factor 0.9996, not the 1 of a Gauss-Krüger zone)",
            Assert.Throws<ExportFormatException>(() => SourceCrs.FromPrj(utmLike, "zone.prj")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not WKT")]
    [InlineData("PROJCS[\"cut short\",GEOGCS[")]
    public void Should_refuse_a_prj_that_does_not_parse(string wkt) =>
        Assert.StartsWith("'zone.prj' does not parse as WKT", Assert.Throws<ExportFormatException>(() => SourceCrs.FromPrj(wkt, "zone.prj")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::4527", 4527)]
    [InlineData("EPSG:4554", 4554)]
    [InlineData("urn:ogc:def:crs:EPSG::4490", 4490)]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", 4490)]
    public void Should_read_a_named_GeoJSON_crs(string name, int epsg) => Assert.Equal(epsg, SourceCrs.FromGeoJson(Crs(name)).Epsg);

    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::4326")]
    [InlineData("EPSG:32650")]
    [InlineData("EPSG:2385")]
    [InlineData("EPSG:4512")]
    public void Should_refuse_any_other_GeoJSON_crs(string name) =>
        Assert.StartsWith($"the GeoJSON 'crs' member names '{name}'", Assert.Throws<ExportFormatException>(() => SourceCrs.FromGeoJson(Crs(name))).Message, StringComparison.Ordinal);

    static JsonElement Crs(string name) => JsonSerializer.SerializeToElement(new { type = "name", properties = new { name } });
}
