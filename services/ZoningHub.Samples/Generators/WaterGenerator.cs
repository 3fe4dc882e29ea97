using NetTopologySuite.Geometries;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// Drinking-water sources with their protection zones: a small grade-1 zone round the intake, a grade-2 ring
/// round it and now and then a quasi-protection ring. Reservoirs sit in the hills (often in the redline); one
/// source in ten lies at the edge of a town, so its grade-1 zone overlaps the urban development boundary.
/// </summary>
static class WaterGenerator
{
    static readonly (string Digit, string Kind)[] Types = [("1", "江"), ("2", "水库"), ("3", "地下水")];

    public static void Generate(CountyLayers county, SampleRandom random)
    {
        var c = county.County;
        var sources = random.Weighted((0, 0.3), (1, 0.5), (2, 0.2));
        for (var serial = 1; serial <= sources; serial++)
        {
            var taken = county.Of(Layers.DrinkingWater);
            var type = random.Weighted((Types[0], 0.35), (Types[1], 0.5), (Types[2], 0.15));
            var centre = !county.Urban.IsEmpty && random.Chance(0.1) ? county.Urban.PointOnBoundary(random)
                : random.Chance(0.5) && !county.Redlines.IsEmpty ? county.Redlines.PointIn(random)
                : Blobs.PointIn(c.Geometry, random, taken);
            if (centre is null || taken.Covers(centre))
            {
                continue;
            }

            var r1 = type.Digit == "3" ? random.Range(200, 400) : random.Range(500, 1200);
            var grade1 = Zone(county, Blobs.Around(centre, r1, random), taken);
            if (grade1.IsEmpty)
            {
                continue;
            }

            var r2 = r1 * random.Range(2.5, 4);
            var grade2 = Zone(county, Blobs.Around(centre, r2, random), taken.With(grade1));
            var quasi = random.Chance(0.15)
                ? Zone(county, Blobs.Around(centre, r2 * random.Range(1.5, 2), random), taken.With(grade1, grade2))
                : Polygonal.Empty;
            var code = $"{Basin(centre)}{c.Code}{type.Digit}{serial:000}";
            var name = $"{c.ShortName}{random.Pick(Names.Waters)}{type.Kind}饮用水水源保护区";
            foreach (var (suffix, grade, geometry) in new[] { ("1", "一级", grade1), ("2", "二级", grade2), ("3", "准保护区", quasi) })
            {
                if (!geometry.IsEmpty)
                {
                    county.Add(Layers.DrinkingWater, $"{code}-{suffix}", geometry,
                        ("code", $"{code}-{suffix}"), ("name", name), ("grade", Schema.Native(Layers.DrinkingWater, "grade", grade)));
                }
            }
        }
    }

    static Geometry Zone(CountyLayers county, Geometry blob, Pieces taken) =>
        Polygons.Keep(taken.CutFrom(Polygons.Intersect(blob, county.County.Geometry)), county.MinPiece / 20);

    /// <summary>
    /// HJ 747 codes start with the river basin: one letter, here drawn roughly from latitude (Huai north of
    /// 32.3°N, Yangtze, south-eastern rivers south of 29.8°N). Illustrative letters, not checked against SL 249.
    /// </summary>
    static char Basin(Coordinate at) => at.Y >= 32.3 ? 'E' : at.Y >= 29.8 ? 'F' : 'H';
}
