using NetTopologySuite.Geometries;
using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

public class ConflictDetection_Specs
{
    static IReadOnlyList<DetectedConflict> Detect(params SourceFeature[] features)
    {
        var units = CountyDerivation.Derive(County(), features, AccessCatalogue.Default);
        return ConflictDetection.Detect(County(), features, units);
    }

    [Fact]
    public void Should_flag_the_part_of_a_reserve_outside_the_redline()
    {
        var conflict = Assert.Single(Detect(
            Make(Layers.Redline, "H1", Box(120, 30, 120.5, 30.5)),
            Make(Layers.NatureReserve, "R1", Box(120.3, 30, 120.7, 30.5))));

        Assert.Equal((ConflictRules.ProtectedAreaOutsideRedline, "nature-reserve/R1", Layers.Redline, "330106"),
            (conflict.Rule, conflict.FeatureA, conflict.FeatureB, conflict.County));
        AssertSameArea(Box(120.5, 30, 120.7, 30.5), conflict.Geometry);
        Assert.InRange(conflict.AreaSquareMetres, 0.2 * 0.5 * 96_000 * 111_000 * 0.98, 0.2 * 0.5 * 96_500 * 111_000 * 1.02);
    }

    [Fact]
    public void Should_take_only_the_area_where_a_reserve_both_overlaps_and_runs_along_the_county_edge()
    {
        // Found with the generated samples: a reserve of the neighbouring county follows this county's boundary for a
        // stretch, so the overlay yields a line beside the overlapping polygon, and a collection of mixed dimensions
        // cannot be overlaid further. Only the area counts.
        var wkt = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Regressions", "reserve-touching-county-edge.wkt"));
        var county = Make(Layers.AdminDivision, "330127", wkt[0], ("county", "330127"));
        var reserve = Make(Layers.NatureReserve, "ZR33080301-3", wkt[1]);
        var inside = county.Geometry.InteriorPoint;
        var redline = Make(Layers.Redline, "H1", Box(inside.X - 0.01, inside.Y - 0.01, inside.X + 0.01, inside.Y + 0.01));
        Assert.IsType<GeometryCollection>(county.Geometry.Intersection(reserve.Geometry), exactMatch: true);

        var conflict = Assert.Single(ConflictDetection.Detect(county, [reserve, redline], CountyDerivation.Derive(county, [reserve, redline], AccessCatalogue.Default)),
            c => c.Rule == ConflictRules.ProtectedAreaOutsideRedline);

        Assert.True(conflict.Geometry is Polygon or MultiPolygon, conflict.Geometry.GeometryType);
        Assert.Equal(Polygonal.Of(county.Geometry.Intersection(reserve.Geometry)).Area, conflict.Geometry.Area, 12);
    }

    [Fact]
    public void Should_flag_a_national_park_outside_the_redline_but_not_other_parks()
    {
        var conflicts = Detect(
            Make(Layers.NaturalPark, "N1", Box(120, 30, 120.2, 30.2), ("kind", "national-park")),
            Make(Layers.NaturalPark, "F1", Box(120.5, 30.5, 120.7, 30.7), ("kind", "forest-park")));

        Assert.Equal("natural-park/N1", Assert.Single(conflicts).FeatureA);
    }

    [Theory]
    [InlineData(Layers.Farmland)]
    [InlineData(Layers.UrbanDevelopmentBoundary)]
    public void Should_flag_farmland_and_urban_boundaries_overlapping_the_redline(string layer)
    {
        var conflict = Assert.Single(Detect(
            Make(Layers.Redline, "H1", Box(120, 30, 120.5, 30.5)),
            Make(layer, "D1", Box(120.4, 30.4, 120.8, 30.8))));

        Assert.Equal((ConflictRules.DevelopmentOverlapsRedline, $"{layer}/D1", "ecological-redline/H1"), (conflict.Rule, conflict.FeatureA, conflict.FeatureB));
        AssertSameArea(Box(120.4, 30.4, 120.5, 30.5), conflict.Geometry);
    }

    [Fact]
    public void Should_take_each_patch_where_it_lies_in_the_county_and_the_redlines()
    {
        // Inside a redline whole; across a redline's edge; across the county's edge under a redline that crosses it
        // too; under two redlines at once; outside every redline.
        var conflicts = Detect(
            Make(Layers.Redline, "H1", Box(120.2, 30.2, 120.6, 30.6)),
            Make(Layers.Redline, "H2", Box(120.8, 30.2, 121.2, 30.6)),
            Make(Layers.Redline, "H3", Box(120.5, 30.5, 120.7, 30.7)),
            Make(Layers.Farmland, "F1", Box(120.3, 30.3, 120.4, 30.4)),
            Make(Layers.Farmland, "F2", Box(120.1, 30.3, 120.3, 30.4)),
            Make(Layers.Farmland, "F3", Box(120.9, 30.3, 121.1, 30.4)),
            Make(Layers.Farmland, "F4", Box(120.55, 30.55, 120.65, 30.65)),
            Make(Layers.Farmland, "F5", Box(120.3, 30.8, 120.4, 30.9))).ToDictionary(c => (c.FeatureA[^2..], c.FeatureB[^2..]), c => c.Geometry);

        Assert.Equal([("F1", "H1"), ("F2", "H1"), ("F3", "H2"), ("F4", "H1"), ("F4", "H3")], conflicts.Keys.Order());
        AssertSameArea(Box(120.3, 30.3, 120.4, 30.4), conflicts[("F1", "H1")]);
        AssertSameArea(Box(120.2, 30.3, 120.3, 30.4), conflicts[("F2", "H1")]);
        AssertSameArea(Box(120.9, 30.3, 121, 30.4), conflicts[("F3", "H2")]);
        AssertSameArea(Box(120.55, 30.55, 120.6, 30.6), conflicts[("F4", "H1")]);
        AssertSameArea(Box(120.55, 30.55, 120.65, 30.65), conflicts[("F4", "H3")]);
    }

    [Fact]
    public void Should_not_flag_a_project_footprint_that_only_touches_a_forbidding_unit()
    {
        // Drawn along the redline's edge to show that it keeps out: it touches the redline's unit and lies in another.
        Assert.Empty(Detect(
            Make(Layers.Redline, "H1", Box(120, 30, 120.5, 31)),
            Make(Layers.EiaProject, "E1", Box(120.5, 30.4, 120.6, 30.5), ("industry", "C2511"))));
    }

    [Theory]
    [InlineData(Layers.UrbanDevelopmentBoundary)]
    [InlineData(Layers.IndustrialPark)]
    public void Should_flag_a_grade_1_water_zone_overlapping_development(string layer)
    {
        var conflicts = Detect(
            Make(Layers.DrinkingWater, "W1", Box(120, 30, 120.5, 30.5), ("grade", "1")),
            Make(Layers.DrinkingWater, "W2", Box(120, 30.5, 120.5, 31), ("grade", "2")),
            Make(layer, "D1", Box(120.3, 30.3, 120.8, 30.8)));

        var conflict = Assert.Single(conflicts);
        Assert.Equal((ConflictRules.WaterZoneOverlapsDevelopment, "drinking-water-source-zone/W1", $"{layer}/D1"), (conflict.Rule, conflict.FeatureA, conflict.FeatureB));
        AssertSameArea(Box(120.3, 30.3, 120.5, 30.5), conflict.Geometry);
    }

    [Fact]
    public void Should_flag_an_approved_project_whose_industry_its_unit_forbids()
    {
        var conflicts = Detect(
            Make(Layers.DrinkingWater, "W1", Box(120, 30, 120.5, 30.5), ("grade", "1")),
            Make(Layers.EiaProject, "E1", "POINT (120.2 30.2)", ("industry", "C2511")),
            Make(Layers.EiaProject, "E2", "POINT (120.8 30.8)", ("industry", "C2511")),
            Make(Layers.EiaProject, "E3", "POINT (120.3 30.3)", ("industry", "C2511"), ("status", "withdrawn")),
            Make(Layers.EiaProject, "E4", "POINT (120.4 30.4)", ("industry", "N7721")));

        var conflict = Assert.Single(conflicts);
        Assert.Equal((ConflictRules.ProjectIndustryForbidden, "eia-project/E1", "unit:drinking-water-source-zone/W1"), (conflict.Rule, conflict.FeatureA, conflict.FeatureB));
        AssertSameArea("POINT (120.2 30.2)", conflict.Geometry);
    }

    [Fact]
    public void Should_ignore_overlaps_below_the_sliver_tolerance()
    {
        // 5 cm by 111 m: about 5 m², under the 100 m² default.
        Assert.Empty(Detect(
            Make(Layers.Redline, "H1", Box(120, 30, 120.5, 30.5)),
            Make(Layers.Farmland, "F1", Box(120.4999995, 30.4, 120.8, 30.401))));
    }

    [Fact]
    public void Should_give_a_conflict_the_same_identity_whenever_it_is_found()
    {
        var features = new[] { Make(Layers.Redline, "H1", Box(120, 30, 120.5, 30.5)), Make(Layers.Farmland, "F1", Box(120.4, 30.4, 120.8, 30.8)) };

        Assert.Equal(Detect(features).Single().Id, Detect(features.Reverse().ToArray()).Single().Id);
    }

    [Theory]
    [InlineData("C", "C2511", true)]
    [InlineData("C25", "2511", true)]
    [InlineData("C", "3110", true)]
    [InlineData("C26", "2511", false)]
    [InlineData("D44", "4411", true)]
    [InlineData("B", "0610", true)]
    [InlineData("C", "0610", false)]
    [InlineData("C25", "C2511", true)]
    [InlineData("C26", "C2511", false)]
    [InlineData("D4411", "D4411", true)]
    [InlineData("", "C2511", false)]
    public void Should_match_industry_codes_by_prefix(string forbidden, string industry, bool covered) =>
        Assert.Equal(covered, Industry.Covers(forbidden, industry));
}
