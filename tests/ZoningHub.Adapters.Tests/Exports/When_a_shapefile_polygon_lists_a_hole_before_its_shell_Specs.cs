using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;
using static ZoningHub.Adapters.Tests.Exports.HandMadeShapefile;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// "The order of rings in the points array is not significant" (ESRI Shapefile Technical Description, 1998, Polygon):
/// that holds for the first ring too. A record whose first ring is the (counter-clockwise) hole and whose second is the
/// (clockwise) shell is a polygon with a hole, as GDAL reads it. Taken as two shells, one inside the other, it is an
/// invalid multipolygon that the hub repairs by filling the enclave in, within its 0.1% area tolerance, so the hole
/// disappears without a refusal.
/// </summary>
public sealed class When_a_shapefile_polygon_lists_a_hole_before_its_shell
{
    // A 5 km square redline with a 100 m village enclave cut out of it, and a second part 3 km east.
    static readonly (double X, double Y)[] Shell = Square(500000, 3300000, 5000, clockwise: true);
    static readonly (double X, double Y)[] Enclave = Square(502000, 3302000, 100, clockwise: false);
    static readonly (double X, double Y)[] SecondPart = Square(508000, 3300000, 1000, clockwise: true);

    [Fact]
    public void Should_put_the_hole_in_the_shell_that_contains_it()
    {
        var holeAfterItsShell = Published(Zip(5, new Shape("HX-1", [Shell, Enclave])));
        var holeFirst = Published(Zip(5, new Shape("HX-1", [Enclave, Shell])));

        var geometry = ZoningHub.Geo.GeoJson.ReadGeometry(holeFirst.Geometry);
        Assert.True(geometry.IsValid, $"published invalid: {geometry.AsText()}");
        Assert.Equal(holeAfterItsShell.Geometry.GetRawText(), holeFirst.Geometry.GetRawText());
    }

    [Fact]
    public void Should_put_the_hole_in_its_shell_when_it_comes_before_both_shells()
    {
        var geometry = ZoningHub.Geo.GeoJson.ReadGeometry(Published(Zip(5, new Shape("HX-1", [Enclave, Shell, SecondPart]))).Geometry);

        Assert.True(geometry.IsValid, $"published invalid: {geometry.AsText()}");
        Assert.Equal(2, geometry.NumGeometries);
        Assert.Equal(1, Enumerable.Range(0, geometry.NumGeometries).Sum(i => ((NetTopologySuite.Geometries.Polygon)geometry.GetGeometryN(i)).NumInteriorRings));
    }

    static MappedFeature Published(byte[] zip) => Assert.Single(ExportReader.Read("redline.zip", zip, Redline));
}
