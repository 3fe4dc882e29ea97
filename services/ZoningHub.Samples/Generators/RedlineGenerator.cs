using System.Globalization;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// Ecological redlines over roughly a third of a county's land (a tenth in city districts), as several
/// patches that never overlap one another and never leave the county.
/// </summary>
static class RedlineGenerator
{
    const int MaxPatches = 14;

    public static void Generate(CountyLayers county, SampleRandom random)
    {
        var land = county.County.Geometry;
        var target = land.Area * (county.IsUrbanDistrict ? random.Range(0.04, 0.12) : random.Range(0.24, 0.34));
        var theme = random.Pick(Names.RedlineThemes);
        var covered = 0.0;
        for (var attempt = 0; attempt < 40 && covered < target && county[Layers.Redline].Count < MaxPatches; attempt++)
        {
            if (Blobs.PointIn(land, random, county.Redlines) is not { } centre)
            {
                break;
            }

            var radius = Math.Sqrt(county.County.AreaSquareMetres * random.Range(0.05, 0.12) / Math.PI);
            var patch = Polygons.Keep(county.Redlines.CutFrom(Polygons.Intersect(Blobs.Around(centre, radius, random), land)), county.MinPiece);
            if (patch.IsEmpty)
            {
                continue;
            }

            var serial = county[Layers.Redline].Count + 1;
            county.Add(Layers.Redline, Id(county.County.Code, serial), patch,
                ("name", $"{county.County.ShortName}{theme}生态保护红线{serial:00}"), ("county", county.County.Code));
            covered += patch.Area;
        }
    }

    /// <summary><c>HX330106-001</c>: the county code and a serial, as provincial redline registers number patches.</summary>
    public static string Id(string countyCode, int serial) => string.Create(CultureInfo.InvariantCulture, $"HX{countyCode}-{serial:000}");
}
