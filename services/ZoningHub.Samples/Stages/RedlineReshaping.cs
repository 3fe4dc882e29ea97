using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using ZoningHub.Geo;
using ZoningHub.Samples.Generators;
using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.Source;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Stages;

/// <summary>Stage 1: one redline patch is redrawn a little to the south-east, another is split in two.</summary>
static class RedlineReshaping
{
    public static void Move(SampleWorld world, County? county)
    {
        if (county is null)
        {
            return;
        }

        var layers = CountyLayers.Of(world, county);
        var patch = layers[Layers.Redline][0];
        var (dx, dy) = Blobs.DegreesPerMetre(county.Seat.Y);
        var precision = GeoContext.Factory.PrecisionModel;
        var shifted = AffineTransformation.TranslationInstance(precision.MakePrecise(800 * dx), precision.MakePrecise(-500 * dy)).Transform(patch.Geometry);
        var others = new Pieces(layers[Layers.Redline].Skip(1).Select(f => f.Geometry));
        var moved = others.CutFrom(Polygons.Intersect(shifted, county.Geometry));
        world.Replace(Layers.Redline, patch, patch with { Geometry = moved });
        StageEdits.Record(world, 1, Layers.Redline, "moved", $"{patch.Id} redrawn 800 m east and 500 m south, clipped to {county.Name} and its other patches.", patch.Id);
    }

    public static void Split(SampleWorld world, County? county)
    {
        if (county is null)
        {
            return;
        }

        var redlines = CountyLayers.Of(world, county)[Layers.Redline];
        var patch = redlines.MaxBy(f => f.Geometry.Area)!;
        var box = patch.Geometry.EnvelopeInternal;
        var middle = GeoContext.Factory.PrecisionModel.MakePrecise(patch.Geometry.Centroid.X);
        var west = Polygons.Intersect(patch.Geometry, Box(box.MinX - 1, middle, box));
        var east = Polygons.Intersect(patch.Geometry, Box(middle, box.MaxX + 1, box));
        var serial = redlines.Max(f => int.Parse(f.Id[^3..], CultureInfo.InvariantCulture)) + 1;
        var added = patch with { Id = RedlineGenerator.Id(county.Code, serial), Geometry = east };
        world.Replace(Layers.Redline, patch, patch with { Geometry = west });
        world.Layers[Layers.Redline].Add(added);
        StageEdits.Record(world, 1, Layers.Redline, "split", $"{patch.Id} split along its centroid's meridian: the west part keeps the id, the east part is {added.Id}.", patch.Id, added.Id);
    }

    static Geometry Box(double minX, double maxX, Envelope box) =>
        GeoContext.Factory.ToGeometry(new Envelope(minX, maxX, box.MinY - 1, box.MaxY + 1));
}
