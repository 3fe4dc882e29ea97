using ZoningHub.Geo;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

public class When_an_overlap_is_near_the_sliver_tolerance_Specs
{
    const double Tolerance = ConflictDetection.DefaultSliverSquareMetres;

    [Theory]
    // Near 20°N the cosine approximation's sphere is wider than the ellipsoid: it passed 99.5 m² as 100.
    [InlineData(108.4, 20.0)]
    // Near 50°N and 1.4° from the central meridian it is narrower than the ellipsoid and the projection: it dropped 100.1 m².
    [InlineData(124.4, 50.0)]
    public void Should_record_an_overlap_exactly_when_the_area_it_records_reaches_the_tolerance(double east, double north)
    {
        var county = Make(Layers.AdminDivision, "460105", Box(east - 0.2, north - 0.5, east + 0.2, north + 0.5), ("county", "460105"));
        var redline = Make(Layers.Redline, "H1", Box(east - 0.2, north - 0.5, east, north + 0.5));
        var height = 0.0001;
        var width = Tolerance / Polygonal.ApproximateSquareMetres(Read(Box(0, north, 1, north + height)));
        var judged = Enumerable.Range(-15, 31).Select(step =>
        {
            var farmland = Make(Layers.Farmland, $"F{step}", Box(east - width - step * 1e-7, north, east, north + height));
            var recorded = ConflictDetection.Detect(county, [redline, farmland], []).Select(c => c.AreaSquareMetres).ToList();
            return (Area: GaussKruger.AreaSquareMetres(farmland.Geometry), Recorded: recorded);
        }).ToList();

        Assert.Contains(judged, j => j.Area < Tolerance);
        Assert.Contains(judged, j => j.Area >= Tolerance);
        Assert.All(judged, j => Assert.Equal(j.Area >= Tolerance ? [j.Area] : [], j.Recorded));
    }

    [Theory]
    // The far west, at the 75°E zone's western edge.
    [InlineData("POLYGON ((73.51 39, 73.5101 39, 73.5101 39.0001, 73.51 39.0001, 73.51 39))")]
    // The far south and the far north, each on an edge between two zones.
    [InlineData("POLYGON ((112.4999 4, 112.5 4, 112.5 4.0001, 112.4999 4.0001, 112.4999 4))")]
    [InlineData("POLYGON ((122.4999 53.5, 122.5 53.5, 122.5 53.5001, 122.4999 53.5001, 122.4999 53.5))")]
    // A sliver 35° of latitude long, whose envelope's middle latitude is none of its own.
    [InlineData("POLYGON ((109 18, 109.000001 18, 109.000001 53, 109 53, 109 18))")]
    // Two parts at 4°N at either end of China, measured in the zone of 104°E, and a third far north that stretches the envelope.
    [InlineData("MULTIPOLYGON (((73.6 4, 73.6001 4, 73.6001 4.0001, 73.6 4.0001, 73.6 4)), ((134.9 4, 134.9001 4, 134.9001 4.0001, 134.9 4.0001, 134.9 4)), ((104.25 53.5, 104.25001 53.5, 104.25001 53.50001, 104.25 53.50001, 104.25 53.5)))")]
    public void Should_not_let_the_approximation_reject_what_Gauss_Krueger_measures_at_the_tolerance(string wkt)
    {
        var overlap = Read(wkt);
        var area = GaussKruger.AreaSquareMetres(overlap);

        Assert.InRange(Polygonal.ApproximateSquareMetres(overlap) / area, 0.6, 1.2);
        Assert.Equal(area, SliverTolerance.Measure(overlap, area));
    }
}
