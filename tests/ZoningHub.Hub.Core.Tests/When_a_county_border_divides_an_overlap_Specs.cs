using ZoningHub.Geo;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

public class When_a_county_border_divides_an_overlap_Specs
{
    // Two counties either side of 121°E.
    static readonly SourceFeature West = County();
    static readonly SourceFeature East = Make(Layers.AdminDivision, "330107", Box(121, 30, 122, 31), ("county", "330107"));

    static List<DetectedConflict> DetectInBoth(params SourceFeature[] features) =>
    [
        .. new[] { West, East }.SelectMany(county =>
            ConflictDetection.Detect(county, features, CountyDerivation.Derive(county, features, AccessCatalogue.Default))),
    ];

    [Fact]
    public void Should_open_the_conflict_in_each_county_with_its_piece_when_the_whole_overlap_passes_the_tolerance()
    {
        // 1.8e-4° by 1e-4°, about 192 m², lying half in each county: about 96 m² each, under the 100 m² tolerance.
        var redline = Make(Layers.Redline, "H1", Box(120.9, 30.5, 121.1, 30.6));
        var farmland = Make(Layers.Farmland, "F1", Box(120.99991, 30.55, 121.00009, 30.5501));

        var conflicts = DetectInBoth(redline, farmland);

        Assert.Equal(["330106", "330107"], conflicts.Select(c => c.County));
        Assert.All(conflicts, c => Assert.Equal((ConflictRules.DevelopmentOverlapsRedline, "permanent-basic-farmland/F1", "ecological-redline/H1"), (c.Rule, c.FeatureA, c.FeatureB)));
        AssertSameArea(Box(120.99991, 30.55, 121, 30.5501), conflicts[0].Geometry);
        AssertSameArea(Box(121, 30.55, 121.00009, 30.5501), conflicts[1].Geometry);
        Assert.All(conflicts, c => Assert.InRange(c.AreaSquareMetres, 90, ConflictDetection.DefaultSliverSquareMetres));
        Assert.Equal(GaussKruger.AreaSquareMetres(farmland.Geometry), conflicts.Sum(c => c.AreaSquareMetres), 0.01);
    }

    [Fact]
    public void Should_open_a_water_zone_conflict_in_each_county_too()
    {
        var water = Make(Layers.DrinkingWater, "W1", Box(120.9, 30.5, 121.1, 30.6), ("grade", "1"));
        var park = Make(Layers.IndustrialPark, "P1", Box(120.99991, 30.55, 121.00009, 30.5501));

        var conflicts = DetectInBoth(water, park);

        Assert.Equal([("330106", "industrial-park/P1"), ("330107", "industrial-park/P1")], conflicts.Select(c => (c.County, c.FeatureB)));
    }

    [Fact]
    public void Should_open_it_in_neither_county_when_the_whole_overlap_is_a_sliver()
    {
        // 0.8e-4° by 1e-4°, about 85 m² in all.
        Assert.Empty(DetectInBoth(
            Make(Layers.Redline, "H1", Box(120.9, 30.5, 121.1, 30.6)),
            Make(Layers.Farmland, "F1", Box(120.99996, 30.55, 121.00004, 30.5501))));
    }

    [Fact]
    public void Should_open_it_only_in_the_county_the_overlap_lies_in_when_it_merely_reaches_the_border()
    {
        // The farmland crosses the border, the redline stops at it: their overlap touches the western county along a line.
        var conflict = Assert.Single(DetectInBoth(
            Make(Layers.Redline, "H1", Box(121, 30.5, 121.1, 30.6)),
            Make(Layers.Farmland, "F1", Box(120.9, 30.55, 121.05, 30.56))));

        Assert.Equal("330107", conflict.County);
        AssertSameArea(Box(121, 30.55, 121.05, 30.56), conflict.Geometry);
    }
}
