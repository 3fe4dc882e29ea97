using NetTopologySuite.Geometries;
using ZoningHub.Geo;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.Source;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// Features broken the way real exports are broken, each listed in the manifest so tests and demos can look for
/// its refusal: bow-tie rings in a Shapefile and in a GeoJSON layer, a county code that does not exist, and a
/// point with latitude and longitude swapped.
/// </summary>
static class DefectPlanter
{
    public static void Plant(SampleWorld world)
    {
        if (world.Counties.Count == 0)
        {
            return;
        }

        var random = world.Random("defects");
        var first = world.Counties[Math.Min(1, world.Counties.Count - 1)];
        var centre = Blobs.PointIn(first.Geometry, random) ?? first.Seat.Coordinate;
        var redline = Add(world, Layers.Redline, RedlineGenerator.Id(first.Code, 901), first.Code, BowTie(centre, 900),
            ("name", $"{first.ShortName}水源涵养生态保护红线901"), ("county", first.Code));
        Record(world, Layers.Redline, redline, "self-intersection",
            "Bow-tie ring that crosses itself. NetTopologySuite.IO.Esri.Shapefile throws on it in GeometryBuilderMode.Strict, so an adapter must read with IgnoreInvalidShapes to pass it on; repairing it changes its area far beyond the hub's tolerance.");

        var park = Add(world, Layers.IndustrialPark, $"YQ{first.Code}-91", first.Code, BowTie(Blobs.Offset(centre, 3000, 3000), 500),
            ("name", $"{first.ShortName}循环经济产业园"), ("county", first.Code));
        Record(world, Layers.IndustrialPark, park, "self-intersection", "Bow-tie ring that crosses itself, in GeoJSON.");

        var second = world.Counties[Math.Min(2, world.Counties.Count - 1)];
        var unknown = $"{second.Province}9999";
        var stray = Add(world, Layers.Redline, RedlineGenerator.Id(unknown, 1), unknown,
            Blobs.Around(Blobs.PointIn(second.Geometry, random) ?? second.Seat.Coordinate, 1200, random),
            ("name", $"{second.ShortName}水土保持生态保护红线01"), ("county", unknown));
        Record(world, Layers.Redline, stray, "unknown-county", $"County code {unknown} does not exist (GB/T 2260); the polygon lies in {second.Code} {second.Name}.");

        SwapCoordinates(world, world.Counties[Math.Min(3, world.Counties.Count - 1)], random);
    }

    static void SwapCoordinates(SampleWorld world, County county, SampleRandom random)
    {
        var layers = CountyLayers.Of(world, county);
        var at = Blobs.PointIn(county.Geometry, random) ?? county.Seat.Coordinate;
        if (ProjectGenerator.Add(layers, random, at, IndustryCodes.Light[0], "已批复") is not { } project)
        {
            return;
        }

        var swapped = project with { Geometry = GeoContext.Factory.CreatePoint(new Coordinate(at.Y, at.X)) };
        world.Layers[Layers.EiaProject].Add(swapped);
        Record(world, Layers.EiaProject, swapped, "swapped-coordinates",
            $"Latitude and longitude swapped ({at.Y:0.####}, {at.X:0.####}): outside China's bounds.");
    }

    static SampleFeature Add(SampleWorld world, string layer, string id, string county, Geometry geometry, params (string Property, string? Value)[] properties)
    {
        var feature = new SampleFeature(id, county, geometry, properties.ToDictionary(p => p.Property, p => p.Value, StringComparer.Ordinal));
        world.Layers[layer].Add(feature);
        return feature;
    }

    static void Record(SampleWorld world, string layer, SampleFeature feature, string kind, string description) =>
        world.Defects.Add(new SampleDefect(Schema.Department(layer), layer, feature.Id, kind, description));

    /// <summary>Four corners joined in the wrong order: the ring crosses itself once, with lobes of unequal size.</summary>
    static Polygon BowTie(Coordinate centre, double halfSize) => GeoContext.Factory.CreatePolygon(
    [
        Blobs.Offset(centre, -halfSize, -halfSize), Blobs.Offset(centre, halfSize, halfSize),
        Blobs.Offset(centre, halfSize, -halfSize), Blobs.Offset(centre, -halfSize, 0.6 * halfSize),
        Blobs.Offset(centre, -halfSize, -halfSize),
    ]);
}
