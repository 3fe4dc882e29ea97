using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Precision;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Writing;

/// <summary>
/// Longitude/latitude to the export's Gauss-Krüger zone, rounded to the millimetre as survey software writes.
/// Rounding can pinch a narrow neck of a polygon into a self-touching ring; such a geometry is repaired and
/// snap-rounded instead, so what was valid stays valid and only the deliberate defects are broken.
/// </summary>
static class ZoneProjection
{
    static readonly PrecisionModel Millimetre = new(1000);

    public static Func<Geometry, Geometry> For(ExportFormat format)
    {
        if (!format.Projected)
        {
            return g => g;
        }

        var factory = new GeometryFactory(new PrecisionModel(), format.Epsg);
        return lonLat =>
        {
            var projected = GaussKrugerZones.Project(lonLat, format.CentralMeridian, format.ZonePrefix, factory);
            projected.Apply(new RoundToMillimetre());
            return projected.IsValid || !lonLat.IsValid ? projected : GeometryPrecisionReducer.Reduce(GeometryFixer.Fix(projected), Millimetre);
        };
    }

    sealed class RoundToMillimetre : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Millimetre.MakePrecise(seq.GetX(i)));
                seq.SetY(i, Millimetre.MakePrecise(seq.GetY(i)));
            }
        }
    }
}
