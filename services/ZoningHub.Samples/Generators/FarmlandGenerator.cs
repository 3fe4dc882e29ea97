using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;
using ZoningHub.Hub.Core;

namespace ZoningHub.Samples.Generators;

/// <summary>
/// Permanent basic farmland in the land left between redline and towns. Parcels cut against the redline share
/// its edge (they touch it); in about a third of the rural counties one parcel was drawn across a redline edge
/// and overlaps it, as happens where the two plans were not reconciled.
/// </summary>
static class FarmlandGenerator
{
    public static void Generate(CountyLayers county, SampleRandom random)
    {
        var c = county.County;
        var parcels = Math.Clamp(3 + (int)(c.AreaSquareMetres / 150e6), 3, 12);
        var across = !county.IsUrbanDistrict && !county.Redlines.IsEmpty && random.Chance(0.35) ? random.Next(parcels) : -1;
        for (var i = 0; i < parcels; i++)
        {
            var taken = county.Of(Layers.Farmland).With(county.Urban);
            var cut = i == across ? taken : taken.With(county.Redlines);
            var centre = i == across ? county.Redlines.PointOnBoundary(random) : Blobs.PointIn(c.Geometry, random, cut);
            if (centre is null)
            {
                break;
            }

            // The parcel drawn across the redline is a small one: a disputed edge, not a disputed valley.
            var radius = Math.Sqrt(c.AreaSquareMetres * (i == across ? random.Range(0.002, 0.006) : random.Range(0.01, 0.03)) / Math.PI);
            var parcel = Polygons.Keep(cut.CutFrom(Polygons.Intersect(Blobs.Around(centre, radius, random), c.Geometry)), county.MinPiece / 4);
            if (!parcel.IsEmpty)
            {
                county.Add(Layers.Farmland, $"JBNT{c.Code}-{county[Layers.Farmland].Count + 1:0000}", parcel, ("county", c.Code));
            }
        }
    }
}
