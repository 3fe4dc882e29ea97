using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Tests;

/// <summary>Checks computed from the exported geometry, in projected metres, not from what the manifest claims.</summary>
[Collection(Samples.Name)]
public sealed class When_reading_back_the_initial_exports(SampleRun run)
{
    const double Hectare = 10_000;
    static readonly string[] HeavyIndustry = ["2511", "3110", "2614", "3011"];

    IReadOnlyList<Geometry> Redlines => [.. Exports.ReadShapefile(run.PathOf(0, "ecological-redline"))
        .Where(f => f.Geometry.IsValid && run.Manifests[0].Defects.All(d => d.FeatureId != Exports.Id(f, "ecological-redline")))
        .Select(f => f.Geometry)];

    [Fact]
    public void Should_put_a_quarter_to_under_half_of_the_land_in_the_redline()
    {
        var land = Exports.ReadShapefile(run.PathOf(0, "admin-division")).Sum(f => f.Geometry.Area);

        Assert.InRange(Redlines.Sum(g => g.Area) / land, 0.25, 0.45);
    }

    [Fact]
    public void Should_have_farmland_that_touches_the_redline_and_some_that_overlaps_it()
    {
        var redlines = Index(Redlines);
        var farmland = Exports.ReadShapefile(run.PathOf(0, "permanent-basic-farmland")).Select(f => f.Geometry).ToList();

        var overlaps = farmland.Select(f => Near(redlines, f).Sum(r => Exports.Overlay(r, f, SpatialFunction.Intersection).Area)).ToList();
        Assert.True(overlaps.Count(a => a >= Hectare) >= 5, $"{overlaps.Count(a => a >= Hectare)} parcels overlap the redline");
        Assert.True(farmland.Where((f, i) => overlaps[i] < 1 && Near(redlines, f).Any(r => r.Distance(f) < 0.01)).Count() >= 20);
    }

    [Fact]
    public void Should_have_nature_reserves_partly_outside_the_redline()
    {
        var redlines = Index(Redlines.Select(Exports.WithoutZonePrefix));
        var reserves = Exports.ReadGeoJson(run.PathOf(0, "nature-reserve")).Select(f => f.Geometry).ToList();

        var outside = reserves.Select(r => Near(redlines, r).Aggregate(r, (left, redline) => Exports.Overlay(left, redline, SpatialFunction.Difference)).Area / r.Area).ToList();
        Assert.Contains(outside, share => share is > 0.05 and < 0.95);
        Assert.Contains(outside, share => share < 0.05);
    }

    [Fact]
    public void Should_have_grade_1_and_grade_2_water_zones_coded_in_hj_747_style()
    {
        var zones = Exports.ReadGeoJson(run.PathOf(0, "drinking-water-source-zone"));

        var grades = zones.Select(z => Exports.Text(z, Exports.Field("drinking-water-source-zone", "grade"))).ToHashSet();
        Assert.Superset(new HashSet<string?> { "一级", "二级" }, grades);
        Assert.All(zones, z => Assert.Matches("^[EFH](33|34)[0-9]{4}[123][0-9]{3}-[123]$", Exports.Id(z, "drinking-water-source-zone")));
    }

    [Fact]
    public void Should_put_heavy_industry_in_redlines_and_grade_1_zones_and_light_industry_in_parks()
    {
        var projects = Exports.ReadGeoJson(run.PathOf(0, "eia-project")).Where(p => p.Geometry.Coordinate.Y < 90).ToList();
        var redlines = Index(Redlines);
        var grade1 = Exports.ReadGeoJson(run.PathOf(0, "drinking-water-source-zone"))
            .Where(z => Exports.Text(z, Exports.Field("drinking-water-source-zone", "grade")) == "一级").Select(z => z.Geometry).ToList();
        var parks = Exports.ReadGeoJson(run.PathOf(0, "industrial-park")).Select(p => p.Geometry).Where(p => p.IsValid).ToList();
        var projected = new GeometryFactory(new PrecisionModel(), 4528);

        var heavy = projects.Where(p => HeavyIndustry.Contains(Industry(p))).ToList();
        Assert.True(heavy.Count(p => Near(redlines, GaussKrugerZones.Project(p.Geometry, 120, true, projected)).Any(r => r.Covers(GaussKrugerZones.Project(p.Geometry, 120, true, projected)))) >= 5);
        Assert.True(heavy.Count(p => grade1.Any(z => z.Covers(p.Geometry))) >= 5);
        var inParks = projects.Where(p => parks.Any(park => park.Covers(p.Geometry))).ToList();
        Assert.True(inParks.Count > projects.Count / 2, $"{inParks.Count} of {projects.Count} projects are in parks");
        Assert.DoesNotContain(inParks, p => HeavyIndustry.Contains(Industry(p)));
    }

    static string? Industry(IFeature project) => Exports.Text(project, Exports.Field("eia-project", "industry"));

    static STRtree<Geometry> Index(IEnumerable<Geometry> geometries)
    {
        var index = new STRtree<Geometry>();
        foreach (var geometry in geometries)
        {
            index.Insert(geometry.EnvelopeInternal, geometry);
        }

        index.Build();
        return index;
    }

    static IEnumerable<Geometry> Near(STRtree<Geometry> index, Geometry geometry)
    {
        var envelope = geometry.EnvelopeInternal.Copy();
        envelope.ExpandBy(1);
        return index.Query(envelope);
    }
}
