using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// The natural resources "one map": the county itself, then the redline, then towns around it, then farmland
/// in what is left. Each layer draws from its own random stream.
/// </summary>
static class OneMapGenerator
{
    public static long[] T = new long[3];
    public static void Generate(CountyLayers county, Func<string, SampleRandom> random)
    {
        county.Add(LayerIds.AdminDivision, county.County.Code, county.County.Geometry,
            ("county", county.County.Code), ("name", county.County.Name));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        RedlineGenerator.Generate(county, random(LayerIds.Redline));
        T[0] += sw.ElapsedMilliseconds; sw.Restart();
        UrbanGenerator.Generate(county, random(LayerIds.UrbanBoundary));
        T[1] += sw.ElapsedMilliseconds; sw.Restart();
        FarmlandGenerator.Generate(county, random(LayerIds.Farmland));
        T[2] += sw.ElapsedMilliseconds;
        if (county.County.Code == "341881") Console.Error.WriteLine("onemap " + string.Join(",", T) + " ops " + string.Join(",", Polygons.T.Select((t, i) => $"{t / 10000}ms/{Polygons.N[i]}")));
    }
}
