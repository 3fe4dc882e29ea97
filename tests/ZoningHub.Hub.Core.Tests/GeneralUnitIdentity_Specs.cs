using ZoningHub.Hub.Core.Derivation;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>DESIGN §3: a unit's identity is (county, type, anchor feature), and the general unit's anchor is the county itself.</summary>
public class When_a_county_is_published_under_other_feature_ids
{
    [Fact]
    public void Should_know_the_general_unit_by_the_county_not_by_its_boundary_features_id()
    {
        // The same county, 330106, published under another feature id, as the first of several parts may be.
        var keyedByCode = CountyDerivation.Derive(Make(Layers.AdminDivision, "330106", CountyWkt, ("county", "330106")), [], AccessCatalogue.Default).Single();
        var keyedOtherwise = CountyDerivation.Derive(Make(Layers.AdminDivision, "330106-island-0", CountyWkt, ("county", "330106")), [], AccessCatalogue.Default).Single();

        Assert.Equal(keyedByCode.Identity, keyedOtherwise.Identity);
    }

    [Fact]
    public void Should_cite_every_part_of_a_county_made_of_several()
    {
        var county = CountyBoundary.Of(
        [
            Make(Layers.AdminDivision, "B", Box(120, 30, 121, 31), ("county", "330106")),
            Make(Layers.AdminDivision, "A", Box(121.5, 30, 122, 31), ("county", "330106")),
        ]);

        var units = CountyDerivation.Derive(county!, [Make(Layers.Redline, "H1", Box(121.6, 30.2, 121.8, 30.4))], AccessCatalogue.Default);

        Assert.Equal(2, units.Count);
        Assert.All(units, unit => Assert.Equal(["admin-division/A@v1", "admin-division/B@v1"], unit.Sources.Take(2)));
    }
}
