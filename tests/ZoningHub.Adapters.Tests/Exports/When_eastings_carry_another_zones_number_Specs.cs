using System.Text;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// In EPSG:4513–4533 an easting begins with its zone's number: zone 39 (117°E) writes 39 000 000–39 999 999 m, zone 40
/// (120°E) 40 000 000–40 999 999 m. An export whose eastings carry zone 40's number under a .prj or crs naming zone 39 is
/// in another zone than it says (a .prj copied from the neighbouring sheet): read in zone 39, a redline at 119°E, 40°N
/// is published at 127.6°E, 39.5°N, over 700 km east, and the hub's bounds (lon 73–136, lat 3–54) still take it.
/// </summary>
public sealed class When_eastings_carry_another_zones_number_Specs
{
    // A redline at 118.9–119.0°E, 39.9–40.0°N, written by PROJ in EPSG:4528 (zone 40, false easting 40 500 000 m).
    const string Zone40Ring = "[[40405928.8,4419004.9],[40414480.9,4418904.4],[40414605.4,4430008.1],[40406065.7,4430108.7],[40405928.8,4419004.9]]";

    [Fact]
    public void Should_read_them_where_they_are_under_their_own_zone()
    {
        var feature = Assert.Single(ExportReader.Read("redline.geojson", Export(4528), Redline));

        var centre = ZoningHub.Geo.GeoJson.ReadGeometry(feature.Geometry).Centroid;
        Assert.InRange(centre.X, 118.9, 119.0);
    }

    [Fact]
    public void Should_refuse_them_under_a_crs_naming_the_zone_west_of_theirs()
    {
        var message = Refusal("redline.geojson", Export(4527), Redline);

        Assert.Contains("is not in EPSG:4527", message, StringComparison.Ordinal);
    }

    static byte[] Export(int epsg) => Encoding.UTF8.GetBytes($$$"""
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::{{{epsg}}}"}},
         "features":[{"type":"Feature","properties":{"HXBH":"HX130000001","HXMC":"红线","XZQDM":"130200"},
                      "geometry":{"type":"Polygon","coordinates":[{{{Zone40Ring}}}]}}]}
        """);
}
