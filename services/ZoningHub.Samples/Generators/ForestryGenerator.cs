using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>Forestry and grassland's protected areas: nature reserves by functional zone, and natural parks.</summary>
static class ForestryGenerator
{
    public static void Generate(CountyLayers county, Func<string, SampleRandom> random)
    {
        var reserves = random(Layers.NatureReserve);
        if (!county.IsUrbanDistrict && !county.Redlines.IsEmpty && reserves.Chance(0.35)
            && county.Redlines.PointIn(reserves) is { } centre)
        {
            ReserveGenerator.Add(county, reserves, centre, level: null, threeZones: reserves.Chance(0.7));
        }

        ParkGenerator.Generate(county, random(Layers.NaturalPark));
    }
}
