using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;
using static ZoningHub.Adapters.Tests.Exports.HandMadeShapefile;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// "The order of rings in the points array is not significant" (ESRI Shapefile Technical Description, 1998, Polygon):
/// a hole belongs to the shell that contains it, wherever it comes in the record. Put in the shell before it, the hole
/// made an invalid polygon, which the hub repaired by filling the enclave in.
/// </summary>
public sealed class When_a_shapefile_polygon_lists_a_hole_after_another_shell
{
    // A 5 km square redline with a 100 m village enclave cut out of it, and a second part 3 km east.
    static readonly (double X, double Y)[] Shell = Square(500000, 3300000, 5000, clockwise: true);
    static readonly (double X, double Y)[] Enclave = Square(502000, 3302000, 100, clockwise: false);
    static readonly (double X, double Y)[] SecondPart = Square(508000, 3300000, 1000, clockwise: true);

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    public void Should_put_the_hole_in_the_shell_that_contains_it(int shapeType)
    {
        var holeAfterItsShell = Published(Zip(shapeType, new Shape("HX-1", [Shell, Enclave, SecondPart])));
        var holeAfterBothShells = Published(Zip(shapeType, new Shape("HX-1", [Shell, SecondPart, Enclave])));

        var geometry = ZoningHub.Geo.GeoJson.ReadGeometry(holeAfterBothShells.Geometry);
        Assert.True(geometry.IsValid, $"published invalid: {geometry.AsText()}");
        Assert.Equal(holeAfterItsShell.Geometry.GetRawText(), holeAfterBothShells.Geometry.GetRawText());
        Assert.Equal(1, ((NetTopologySuite.Geometries.Polygon)geometry.GetGeometryN(0)).NumInteriorRings);
    }

    [Fact]
    public void Should_put_a_hole_inside_nested_shells_in_the_smallest()
    {
        // An island in a lake in a redline: the lake is the redline's hole, the island a shell inside it with a pond of its own.
        var lake = Square(501000, 3301000, 3000, clockwise: false);
        var island = Square(502000, 3302000, 1000, clockwise: true);
        var pond = Square(502400, 3302400, 100, clockwise: false);

        var geometry = ZoningHub.Geo.GeoJson.ReadGeometry(Published(Zip(5, new Shape("HX-1", [island, Shell, lake, pond]))).Geometry);

        Assert.True(geometry.IsValid, $"published invalid: {geometry.AsText()}");
        Assert.Equal(2, geometry.NumGeometries);
        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(1, ((NetTopologySuite.Geometries.Polygon)geometry.GetGeometryN(i)).NumInteriorRings));
    }

    static MappedFeature Published(byte[] zip) => Assert.Single(ExportReader.Read("redline.zip", zip, Redline));
}
