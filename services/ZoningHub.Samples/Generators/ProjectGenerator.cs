using System.Globalization;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// EIA projects as points: most are light industry inside the parks, a few farms outside, and in some counties a
/// heavy-industry project that was approved where it is forbidden, inside a redline or a grade-1 water zone.
/// </summary>
static class ProjectGenerator
{
    public static void Generate(CountyLayers county, SampleRandom random)
    {
        var c = county.County;
        foreach (var park in county[Layers.IndustrialPark])
        {
            for (var i = random.Between(2, 6); i > 0; i--)
            {
                Add(county, random, Blobs.PointIn(park.Geometry, random), random.Pick(IndustryCodes.Light), Status(random));
            }
        }

        var built = county.Redlines.With(county.Grade1).With(county.Urban);
        for (var i = random.Between(0, 2); i > 0; i--)
        {
            Add(county, random, Blobs.PointIn(c.Geometry, random, built), random.Pick(random.Chance(0.6) ? IndustryCodes.Rural : IndustryCodes.Light), Status(random));
        }

        if (!county.IsUrbanDistrict && random.Chance(0.18))
        {
            Add(county, random, county.Redlines.PointIn(random), random.Pick(IndustryCodes.Heavy), "已批复");
        }

        if (random.Chance(0.25))
        {
            Add(county, random, county.Grade1.PointIn(random), random.Pick(IndustryCodes.Heavy), "已批复");
        }
    }

    public static SampleFeature? Add(CountyLayers county, SampleRandom random, Coordinate? at, Industry industry, string status, DateOnly? decided = null)
    {
        if (at is null)
        {
            return null;
        }

        var c = county.County;
        // Decisions between 2018-01-01 and 2024-05-31, before the first export date.
        decided ??= status == "审批中" ? null : new DateOnly(2018, 1, 1).AddDays(random.Next(2343));
        var year = decided?.Year ?? 2024;
        string id;
        do
        {
            id = $"{year}-{c.Code}-{industry.Division}-03-{random.Next(1_000_000):000000}";
        }
        while (county[Layers.EiaProject].Any(p => p.Id == id));

        var company = $"{c.ShortName}{random.Pick(Names.Brands)}{industry.Trade}有限公司";
        var product = string.Format(CultureInfo.InvariantCulture, industry.Product, random.Between(2, 60));
        return county.Add(Layers.EiaProject, id, Point(at),
            ("name", $"{company}{product}项目"), ("industry", industry.Code),
            ("status", Schema.Native(Layers.EiaProject, "status", status)), ("approvedOn", decided?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    static string Status(SampleRandom random) => random.Weighted(("已批复", 0.8), ("审批中", 0.12), ("不予批复", 0.08));

    static Point Point(Coordinate at) => GeoContext.Factory.CreatePoint(at.Copy());
}
