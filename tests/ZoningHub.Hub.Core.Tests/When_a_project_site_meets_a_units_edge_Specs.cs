using ZoningHub.Geo;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

public class When_a_project_site_meets_a_units_edge_Specs
{
    // Petroleum refining, which every priority unit forbids and key and general units allow.
    static SourceFeature Project(string wkt) => Make(Layers.EiaProject, "E1", wkt, ("industry", "C2511"));

    static List<(string County, string Unit)> FlaggedIn(SourceFeature county, params SourceFeature[] features) =>
        [.. ConflictDetection.Detect(county, features, CountyDerivation.Derive(county, features, AccessCatalogue.Default)).Select(c => (c.County, c.FeatureB))];

    static List<(string County, string Unit)> Flagged(params SourceFeature[] features) => FlaggedIn(County(), features);

    [Fact]
    public void Should_not_flag_a_footprint_whose_part_in_a_forbidding_unit_is_a_sliver()
    {
        // 1 cm by 11 m, about 0.1 m², of a 10 ha footprint lies over the redline's edge.
        Assert.Empty(Flagged(Make(Layers.Redline, "H1", Box(120, 30, 120.5, 31)), Project(Box(120.4999999, 30.4, 120.6, 30.4001))));
    }

    [Fact]
    public void Should_flag_a_footprint_smaller_than_the_tolerance_that_lies_in_a_forbidding_unit()
    {
        // About 10 m by 5.5 m, all of it in the redline.
        Assert.Equal([("330106", "unit:ecological-redline")],
            Flagged(Make(Layers.Redline, "H1", Box(120, 30, 120.5, 31)), Project(Box(120.3, 30.3, 120.3001, 30.30005))));
    }

    [Fact]
    public void Should_flag_a_footprint_smaller_than_the_tolerance_only_where_half_of_it_lies()
    {
        // About 19 m by 5.5 m (107 m²): 70% in the redline, 30% in the grade-1 water zone beside it, and both forbid the industry.
        Assert.Equal([("330106", "unit:ecological-redline")], Flagged(
            Make(Layers.Redline, "H1", Box(120, 30, 120.5, 31)),
            Make(Layers.DrinkingWater, "W1", Box(120.5, 30, 121, 31), ("grade", "1")),
            Project(Box(120.49986, 30.3, 120.50006, 30.30005))));
    }

    [Theory]
    // On the redline's eastern edge it lies in the general unit east of it, on its western edge in the redline.
    [InlineData("POINT (120.5 30.5)", false)]
    [InlineData("POINT (120.2 30.5)", true)]
    // On its southern edge in the redline north of it, on its northern edge in the general unit.
    [InlineData("POINT (120.3 30.2)", true)]
    [InlineData("POINT (120.3 30.8)", false)]
    // At its corners: in the redline only at the south-western one, where the redline lies north-east of it.
    [InlineData("POINT (120.2 30.2)", true)]
    [InlineData("POINT (120.5 30.2)", false)]
    [InlineData("POINT (120.2 30.8)", false)]
    [InlineData("POINT (120.5 30.8)", false)]
    public void Should_take_a_point_on_an_edge_to_lie_in_the_unit_east_of_it_or_north_of_an_east_west_edge(string site, bool flagged) =>
        Assert.Equal(flagged ? [("330106", "unit:ecological-redline")] : [], Flagged(Make(Layers.Redline, "H1", Box(120.2, 30.2, 120.5, 30.8)), Project(site)));

    [Theory]
    // Midway along each slanting edge of a diamond (binary fractions, so that the sites lie on the edges exactly): in
    // the diamond where it lies east of the edge.
    [InlineData("POINT (120.5625 30.4375)", true)]
    [InlineData("POINT (120.5625 30.5625)", true)]
    [InlineData("POINT (120.6875 30.4375)", false)]
    [InlineData("POINT (120.6875 30.5625)", false)]
    // At its corners: in the diamond only at the western one.
    [InlineData("POINT (120.5 30.5)", true)]
    [InlineData("POINT (120.75 30.5)", false)]
    [InlineData("POINT (120.625 30.375)", false)]
    [InlineData("POINT (120.625 30.625)", false)]
    public void Should_take_a_point_on_a_slanting_edge_to_lie_in_the_unit_east_of_it(string site, bool flagged) =>
        Assert.Equal(flagged ? [("330106", "unit:ecological-redline")] : [],
            Flagged(Make(Layers.Redline, "H1", "POLYGON ((120.5 30.5, 120.625 30.375, 120.75 30.5, 120.625 30.625, 120.5 30.5))"), Project(site)));

    [Fact]
    public void Should_flag_a_point_on_the_edge_between_two_forbidding_units_against_the_eastern_one()
    {
        Assert.Equal([("330106", "unit:drinking-water-source-zone/W1")], Flagged(
            Make(Layers.Redline, "H1", Box(120, 30, 120.5, 31)),
            Make(Layers.DrinkingWater, "W1", Box(120.5, 30, 121, 31), ("grade", "1")),
            Project("POINT (120.5 30.5)")));
    }

    [Fact]
    public void Should_judge_a_point_on_a_county_border_in_the_county_east_of_it()
    {
        var east = Make(Layers.AdminDivision, "330107", Box(121, 30, 122, 31), ("county", "330107"));
        SourceFeature[] features = [Make(Layers.Redline, "H1", Box(120.5, 30, 121.5, 31)), Project("POINT (121 30.5)")];

        Assert.Equal([("330107", "unit:ecological-redline")], [.. FlaggedIn(County(), features), .. FlaggedIn(east, features)]);
    }

    [Fact]
    public void Should_place_a_site_at_any_vertex_of_a_countys_units_in_one_unit_only()
    {
        // Units with a hole, an island in it, slanting edges and corners where three units meet.
        var units = CountyDerivation.Derive(County(),
        [
            Make(Layers.NatureReserve, "R1", "POLYGON ((120.2 30.2, 120.8 30.2, 120.8 30.8, 120.2 30.8, 120.2 30.2), (120.4 30.4, 120.6 30.4, 120.6 30.6, 120.4 30.6, 120.4 30.4))"),
            Make(Layers.IndustrialPark, "P1", Box(120.45, 30.45, 120.55, 30.55)),
            Make(Layers.Redline, "H1", "POLYGON ((120.5 30, 121 30.5, 120.5 31, 120.1 30.5, 120.5 30))"),
            Make(Layers.UrbanDevelopmentBoundary, "U1", Box(120.8, 30.1, 121, 30.2)),
        ], AccessCatalogue.Default);
        var border = County().Geometry.Boundary;

        // On the county's border the unit may be the neighbouring county's, east of it.
        Assert.All(units.SelectMany(u => u.Geometry.Coordinates).Distinct(), vertex =>
        {
            var holding = units.Count(u => SiteLocation.LiesIn(u.Geometry, vertex));
            Assert.InRange(holding, border.Intersects(GeoContext.Factory.CreatePoint(vertex)) ? 0 : 1, 1);
        });
    }
}
