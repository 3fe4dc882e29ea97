using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;
using ProjNet.IO.CoordinateSystems;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Tests;

public sealed class When_projecting_into_a_gauss_kruger_zone
{
    static readonly GeometryFactory Metres = new();

    [Theory]
    [InlineData(75, true, 4513)]
    [InlineData(120, true, 4528)]
    [InlineData(135, true, 4533)]
    [InlineData(75, false, 4534)]
    [InlineData(120, false, 4549)]
    [InlineData(135, false, 4554)]
    public void Should_number_the_zone_as_epsg_does(int centralMeridian, bool zonePrefix, int epsg) =>
        Assert.Equal(epsg, GaussKrugerZones.Epsg(centralMeridian, zonePrefix));

    [Fact]
    public void Should_put_the_zone_number_in_front_of_the_easting_only_when_asked()
    {
        var onMeridian = Metres.CreatePoint(new Coordinate(120, 30));

        var prefixed = GaussKrugerZones.Project(onMeridian, 120, zonePrefix: true, Metres).Coordinate;
        var plain = GaussKrugerZones.Project(onMeridian, 120, zonePrefix: false, Metres).Coordinate;
        Assert.Equal(40_500_000, prefixed.X, 0.001);
        Assert.Equal(500_000, plain.X, 0.001);
        // Meridian arc from the equator to 30°N on the CGCS2000 (≈ GRS 80) ellipsoid.
        Assert.Equal(3_320_113.4, plain.Y, 0.1);
    }

    [Fact]
    public void Should_write_the_prj_as_esri_software_does_which_projnet_reads_but_cannot_project()
    {
        var wkt = GaussKrugerZones.EsriWkt(120, zonePrefix: true);
        var zone = (ProjectedCoordinateSystem)CoordinateSystemWktReader.Parse(wkt);

        Assert.Equal("Gauss_Kruger", zone.Projection.ClassName);
        Assert.Equal(40_500_000, zone.Projection.GetParameter("false_easting").Value);
        Assert.Equal(120, zone.Projection.GetParameter("central_meridian").Value);
        // ProjNET knows the projection only by its other name: an adapter reading .prj files must map it.
        Assert.Throws<NotSupportedException>(() => Transform(zone));
        var renamed = (ProjectedCoordinateSystem)CoordinateSystemWktReader.Parse(wkt.Replace("Gauss_Kruger\"]", "Transverse_Mercator\"]", StringComparison.Ordinal));
        var (x, y) = Transform(renamed).Transform(117.25, 31.85);
        var expected = GaussKrugerZones.Project(Metres.CreatePoint(new Coordinate(117.25, 31.85)), 120, zonePrefix: true, Metres).Coordinate;
        Assert.Equal(expected.X, x, 0.001);
        Assert.Equal(expected.Y, y, 0.001);
    }

    static MathTransform Transform(ProjectedCoordinateSystem zone) =>
        new CoordinateTransformationFactory().CreateFromCoordinateSystems(zone.GeographicCoordinateSystem, zone).MathTransform;

    [Fact]
    public void Should_refuse_a_meridian_that_is_not_a_zone_centre() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussKrugerZones.Epsg(121, zonePrefix: true));
}

/// <summary>
/// Each projected export is in the one zone of the provinces' middle: provinces reaching far from its meridian (where
/// the projection no longer returns coordinates at the hub's grid) are refused, not written subtly wrong.
/// </summary>
public sealed class When_samples_are_asked_for_provinces_wider_than_one_zone_keeps_exact
{
    [Fact]
    public void Should_refuse_them_saying_how_far_they_reach()
    {
        using var output = new ZoningHub.Testing.TemporaryDirectory("zoninghub-samples-");
        var refused = Assert.Throws<ArgumentException>(() => SampleExports.Write(output.Path, new SampleOptions { Provinces = ["65"] }));
        Assert.Contains("more than 6° from the", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }
}
