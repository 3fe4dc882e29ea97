using ZoningHub.Geo;
using ZoningHub.Hub.Core.Derivation;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// DESIGN §3: the units cover the county and follow precedence even where two boundaries run one grid cell (1e-7°,
/// about a centimetre) apart, so that the face between them is no wider than the grid.
/// </summary>
public class When_a_face_is_one_grid_cell_wide
{
    [Theory]
    [InlineData(CountyWkt, "POLYGON ((120.9999999 30.2, 121.3 30.2, 121.3 30.4, 120.9999999 30.4, 120.9999999 30.2))")]
    // A neighbour's reserve whose west edge runs just inside this county's diagonal border.
    [InlineData(DiagonalCounty, "POLYGON ((120.5000001 30, 121 30, 121 31, 120.5000001 30))")]
    [InlineData(DiagonalCounty, "POLYGON ((120.5000001 30, 121.5 30, 121.5 31, 121.0000001 31, 120.5000001 30))")]
    [InlineData(DiagonalCounty, "POLYGON ((120.5000002 30, 121.5 30, 121.5 31, 121.0000002 31, 120.5000002 30))")]
    public void Should_cover_the_county_when_a_neighbours_feature_overlaps_it_by_a_grid_cell(string county, string reserve)
    {
        var boundary = County(county);
        var units = CountyDerivation.Derive(boundary, [Make(Layers.NatureReserve, "R2", reserve)], AccessCatalogue.Default);

        var gap = boundary.Geometry.Difference(GeoContext.Factory.BuildGeometry(units.Select(u => u.Geometry)).Union());
        Assert.True(gap.IsEmpty, $"the units leave {GaussKruger.AreaSquareMetres(gap):F1} m² of the county uncovered");
    }

    [Fact]
    public void Should_give_a_grid_cell_wide_overlap_to_the_higher_precedence_anchor()
    {
        var units = CountyDerivation.Derive(County(),
        [
            Make(Layers.NatureReserve, "R1", Box(120.2, 30.2, 120.4, 30.4)),
            Make(Layers.Redline, "H1", Box(120.3999999, 30.2, 120.6, 30.4)),
        ], AccessCatalogue.Default);

        AssertSameArea(Box(120.2, 30.2, 120.4, 30.4), units.Single(u => u.Identity.Anchor == "nature-reserve/R1").Geometry);
        AssertSameArea(Box(120.4, 30.2, 120.6, 30.4), units.Single(u => u.Identity.Anchor == Layers.Redline).Geometry);
    }

    const string DiagonalCounty = "POLYGON ((120 30, 120.5 30, 121 31, 120 31, 120 30))";
}
