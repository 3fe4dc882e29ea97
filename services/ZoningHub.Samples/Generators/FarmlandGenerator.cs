using ZoningHub.Samples.Shapes;
using ZoningHub.Samples.World;

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
        var free = Polygons.Minus(Polygons.Minus(c.Geometry, county.RedlineUnion), county.UrbanUnion);
        var parcels = Math.Clamp(3 + (int)(c.AreaSquareMetres / 150e6), 3, 12);
        var across = !county.IsUrbanDistrict && !county.RedlineUnion.IsEmpty && random.Chance(0.35) ? random.Next(parcels) : -1;
        var taken = Polygons.Empty;
        for (var i = 0; i < parcels; i++)
        {
            var allowed = i == across ? Polygons.Minus(c.Geometry, county.UrbanUnion) : free;
            var centre = i == across
                ? Blobs.PointOnBoundary(county.RedlineUnion, random)
                : Blobs.PointIn(Polygons.Minus(free, taken), random);
            if (centre is null)
            {
                break;
            }

            var radius = Math.Sqrt(c.AreaSquareMetres * random.Range(0.01, 0.03) / Math.PI);
            var parcel = Polygons.Keep(Polygons.Minus(Polygons.Intersect(Blobs.Around(centre, radius, random), allowed), taken), county.MinPiece / 4);
            if (parcel.IsEmpty)
            {
                continue;
            }

            county.Add(LayerIds.Farmland, $"JBNT{c.Code}-{county[LayerIds.Farmland].Count + 1:0000}", parcel, ("county", c.Code));
            taken = Polygons.Union([taken, parcel]);
        }
    }
}
