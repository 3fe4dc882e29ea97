using ZoningHub.Hub.Core.Derivation;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// A feature that lies in the county by no more than a sliver (under 1 m², or nowhere wider than two grid cells) is no
/// source of its units: it is neither cited, which would make each of its edits a new version here, nor leaves a vertex.
/// </summary>
public class When_a_feature_lies_in_the_county_by_no_more_than_a_sliver
{
    [Fact]
    public void Should_not_cite_a_neighbours_redline_drawn_a_centimetre_over_the_border()
    {
        // H2 belongs to the county east of 121E; its department drew the shared border 1 cm (1e-7°) to the west.
        var units = CountyDerivation.Derive(County(),
        [
            Make(Layers.Redline, "H1", Box(120.2, 30.2, 120.4, 30.4)),
            Make(Layers.Redline, "H2", Box(120.9999999, 30.2, 121.3, 30.4)),
        ], AccessCatalogue.Default);

        var redline = units.Single(u => u.Identity.Anchor == Layers.Redline);
        Assert.DoesNotContain("ecological-redline/H2@v1", redline.Sources);
        AssertSameArea(Box(120.2, 30.2, 120.4, 30.4), redline.Geometry);
    }

    [Fact]
    public void Should_leave_the_general_unit_as_it_is_without_the_feature()
    {
        // The reserve's part in the county is 0.27 m².
        var without = Assert.Single(CountyDerivation.Derive(County(), [], AccessCatalogue.Default));
        var with = Assert.Single(CountyDerivation.Derive(County(), [Make(Layers.NatureReserve, "R1", Box(120.999995, 30, 121.5, 30.000005))], AccessCatalogue.Default));

        Assert.Equal(without.Sources, with.Sources);
        Assert.Equal(without.ContentHash, with.ContentHash);
    }

    [Fact]
    public void Should_leave_no_vertex_of_an_anchor_that_higher_ones_leave_a_sliver()
    {
        // The redline reaches 0.27 m² beyond the reserve that holds the rest of it.
        var reserve = Make(Layers.NatureReserve, "R1", Box(120.2, 30.2, 120.4, 30.4));
        var without = CountyDerivation.Derive(County(), [reserve], AccessCatalogue.Default);
        var with = CountyDerivation.Derive(County(), [reserve, Make(Layers.Redline, "H1", Box(120.3, 30.3, 120.400005, 30.300005))], AccessCatalogue.Default);

        Assert.Equal(without.Select(u => (u.Identity, u.ContentHash)), with.Select(u => (u.Identity, u.ContentHash)));
    }

    [Fact]
    public void Should_still_make_a_unit_of_a_neighbours_feature_reaching_in_beside_its_centimetre()
    {
        // The same centimetre along the border, and a 10 m by 10 m corner over it.
        var units = CountyDerivation.Derive(County(),
            [Make(Layers.NatureReserve, "R2", "POLYGON ((120.9999999 30.2, 121.3 30.2, 121.3 30.4, 120.9999 30.4, 120.9999 30.3999, 120.9999999 30.3999, 120.9999999 30.2))")],
            AccessCatalogue.Default);

        Assert.Contains(units, u => u.Identity.Anchor == "nature-reserve/R2");
    }
}
