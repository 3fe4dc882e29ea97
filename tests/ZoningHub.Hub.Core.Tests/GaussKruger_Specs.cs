using NetTopologySuite.IO;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Tests;

public class GaussKruger_Specs
{
    [Theory]
    [InlineData(120.1, 120)]
    [InlineData(121.49, 120)]
    [InlineData(121.51, 123)]
    [InlineData(87.6, 87)]
    public void Should_pick_the_3_degree_zone_of_a_longitude(double longitude, int centralMeridian) =>
        Assert.Equal(centralMeridian, GaussKruger.CentralMeridian(longitude));

    [Fact]
    public void Should_measure_a_one_arc_minute_cell_on_the_central_meridian_like_the_ellipsoid_does()
    {
        // On the central meridian the projection is nearly true to scale, so the planar area of a small
        // lon/lat cell matches the ellipsoidal cell area: M·Δφ · N·cosφ·Δλ with CGCS2000's radii at 30°N.
        var cell = new WKTReader(GeoContext.Services).Read("POLYGON ((120 30, 120.0166666667 30, 120.0166666667 30.0166666667, 120 30.0166666667, 120 30))");
        const double a = 6378137.0, f = 1 / 298.257222101, e2 = f * (2 - f);
        var phi = 30.00833333 * Math.PI / 180;
        var w = Math.Sqrt(1 - e2 * Math.Sin(phi) * Math.Sin(phi));
        var meridional = a * (1 - e2) / (w * w * w);
        var normal = a / w;
        var step = Math.PI / 180 / 60;
        var expected = meridional * step * normal * Math.Cos(phi) * step;

        Assert.Equal(expected, GaussKruger.AreaSquareMetres(cell), expected * 1e-4);
    }
}
