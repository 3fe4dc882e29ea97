using ZoningHub.Geo;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

public class When_a_longitude_lies_on_a_zone_edge_Specs
{
    [Theory]
    [InlineData(118.5, 120)]
    [InlineData(121.5, 123)]
    [InlineData(124.5, 126)]
    [InlineData(127.5, 129)]
    [InlineData(76.5, 78)]
    public void Should_measure_it_in_the_eastern_zone_every_time(double longitude, int centralMeridian) =>
        Assert.Equal(centralMeridian, GaussKruger.CentralMeridian(longitude));

    [Theory]
    [InlineData(73.49, 75)]
    [InlineData(73.0, 75)]
    [InlineData(136.5, 135)]
    [InlineData(139.0, 135)]
    public void Should_measure_it_in_the_nearest_CGCS2000_zone_beyond_Chinas_zones(double longitude, int centralMeridian) =>
        Assert.Equal(centralMeridian, GaussKruger.CentralMeridian(longitude));

    [Fact]
    public void Should_measure_a_geometry_centred_on_the_edge_in_the_eastern_zone()
    {
        // Its centroid lies on 121.5°E, between the 120°E and 123°E zones; lopsided, so that the two zones measure it apart.
        var triangle = Read("POLYGON ((121 30, 122.5 30, 121 30.5, 121 30))");
        var eastern = GaussKrugerZones.Project(triangle, 123, zonePrefix: false, GeoContext.Factory).Area;
        var western = GaussKrugerZones.Project(triangle, 120, zonePrefix: false, GeoContext.Factory).Area;
        Assert.Equal(121.5, triangle.Centroid.X);
        Assert.NotEqual(western, eastern, eastern * 1e-6);

        Assert.Equal(eastern, GaussKruger.AreaSquareMetres(triangle), eastern * 1e-9);
    }
}
