using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;
using static ZoningHub.Adapters.Tests.Exports.HandMadeShapefile;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// Review: a ring inside a lake (a hole) is an island, a shell, whatever its orientation: a hole cannot lie in another
/// hole, and GDAL, whose placement the reader follows, goes by how deep a ring lies, not by which way it turns. A writer
/// that keeps each ring as it was digitised lists the island first, counter-clockwise; ShapefileRings.IsHole asks only
/// whether the ring lies inside another part's clockwise shell, not whether it lies in that shell's hole, and makes the
/// island a second hole inside the lake. The hub's repair unites the nested holes, and the island (with its redline) is
/// gone without a refusal; before the hole-first change the island was published.
/// </summary>
public sealed class When_a_shapefile_polygon_lists_an_island_before_its_lake
{
    // A 5 km square redline around a 2 km lake, and a 500 m island in the lake.
    static readonly (double X, double Y)[] Shell = Square(500000, 3300000, 5000, clockwise: true);
    static readonly (double X, double Y)[] Lake = Square(501500, 3301500, 2000, clockwise: false);
    static readonly (double X, double Y)[] Island = Square(502250, 3302250, 500, clockwise: false);

    [Fact]
    public void Should_publish_the_island()
    {
        var conforming = ZoningHub.Geo.GeoJson.ReadGeometry(Published(Zip(5, new Shape("HX-1", [Shell, Lake, Square(502250, 3302250, 500, clockwise: true)]))).Geometry);
        var islandFirst = ZoningHub.Geo.GeoJson.ReadGeometry(Published(Zip(5, new Shape("HX-1", [Island, Shell, Lake]))).Geometry);

        Assert.Equal(2, conforming.NumGeometries);
        Assert.Equal(2, islandFirst.NumGeometries);
        Assert.Equal(1, NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(islandFirst).Area / conforming.Area, 9);
    }

    static MappedFeature Published(byte[] zip) => Assert.Single(ExportReader.Read("redline.zip", zip, Redline));
}
