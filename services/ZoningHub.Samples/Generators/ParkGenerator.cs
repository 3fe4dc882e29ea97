using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>Natural parks (forest, wetland, geological; rarely a national park) in the countryside, redline or not.</summary>
static class ParkGenerator
{
    public static void Generate(CountyLayers county, SampleRandom random)
    {
        var c = county.County;
        if (!random.Chance(0.4) || Blobs.PointIn(c.Geometry, random, county.Urban) is not { } centre)
        {
            return;
        }

        var kind = Schema.Native(Layers.NaturalPark, "kind",
            random.Weighted(("森林公园", 0.55), ("湿地公园", 0.3), ("地质公园", 0.1), ("国家公园", 0.05)));
        var national = kind == "国家公园";
        var radius = national ? random.Range(5000, 9000) : random.Range(1000, 3000);
        var shape = Polygons.Keep(county.Urban.CutFrom(Polygons.Intersect(Blobs.Around(centre, radius, random), c.Geometry)), county.MinPiece / 10);
        if (shape.IsEmpty)
        {
            return;
        }

        var place = random.Pick(Names.Places);
        var name = national ? $"{place}国家公园" : $"{c.ShortName}{place}{(random.Chance(0.4) ? "国家" : "省级")}{kind}";
        county.Add(Layers.NaturalPark, $"GY{c.Code}-{county[Layers.NaturalPark].Count + 1:00}", shape, ("name", name), ("kind", kind));
    }
}
