using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// The natural resources "one map": the county itself, then the redline, then towns around it, then farmland
/// in what is left. Each layer draws from its own random stream.
/// </summary>
static class OneMapGenerator
{
    public static void Generate(CountyLayers county, Func<string, SampleRandom> random)
    {
        county.Add(Layers.AdminDivision, county.County.Code, county.County.Geometry,
            ("county", county.County.Code), ("name", county.County.Name));
        RedlineGenerator.Generate(county, random(Layers.Redline));
        UrbanGenerator.Generate(county, random(Layers.UrbanDevelopmentBoundary));
        FarmlandGenerator.Generate(county, random(Layers.Farmland));
    }
}
