using NetTopologySuite.Geometries.Prepared;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// Whether a feature is more than a sliver of a county is first judged by a disc around its interior point, which
/// spares computing its part in the county for most features that cross a border; only a "no" has the part computed.
/// </summary>
public class When_a_feature_meets_a_county_deep_inside_it_Specs
{
    const double Tolerance = ConflictDetection.DefaultSliverSquareMetres;

    static readonly IPreparedGeometry County = PreparedGeometryFactory.Prepare(Read(CountyWkt));

    [Fact]
    public void Should_know_a_feature_across_the_border_is_more_than_a_sliver_without_computing_its_part()
    {
        Assert.True(Sliver.HoldsMoreThan(County, Read(Box(120.2, 30.2, 120.8, 31.5)), Tolerance));
    }

    [Theory]
    // Over the border by a centimetre: its interior point lies outside the county.
    [InlineData(120.9999999, 30.2, 121.5, 30.8)]
    // Inside, but narrower than the disc around its interior point.
    [InlineData(120.5, 30.2, 120.50001, 30.8)]
    // Inside, wide, but its interior point within the disc's radius of the county's border.
    [InlineData(120.99995, 30.2, 121.5, 30.8)]
    public void Should_leave_the_part_to_be_measured_when_the_disc_does_not_fit_in_both(double west, double south, double east, double north)
    {
        Assert.False(Sliver.HoldsMoreThan(County, Read(Box(west, south, east, north)), Tolerance));
    }

    [Fact]
    public void Should_never_call_more_than_a_sliver_a_part_that_is_one()
    {
        var random = new Random(5);
        var judged = Enumerable.Range(0, 400).Select(_ =>
        {
            // Boxes from a few centimetres to a kilometre across, around the county's east border.
            var (east, north) = (121 + (random.NextDouble() - 0.5) * 0.004, 30 + random.NextDouble());
            var (width, height) = (Math.Pow(10, -6.5 + 4 * random.NextDouble()), Math.Pow(10, -6.5 + 4 * random.NextDouble()));
            var feature = Read(Box(east - width, north, east, north + height));
            return (Fast: Sliver.HoldsMoreThan(County, feature, Tolerance),
                Sliver: Sliver.Is([Polygonal.Of(County.Geometry.Intersection(feature))], Tolerance));
        }).ToList();

        Assert.DoesNotContain(judged, j => j.Fast && j.Sliver);
        Assert.Contains(judged, j => j.Fast);
        Assert.Contains(judged, j => j.Sliver);
    }
}
