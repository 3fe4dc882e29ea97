using NetTopologySuite.Geometries;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Writing;

/// <summary>Longitude/latitude to the export's Gauss-Krüger zone, rounded to the millimetre as survey software writes.</summary>
static class ZoneProjection
{
    public static Func<Geometry, Geometry> For(ExportFormat format)
    {
        if (!format.Projected)
        {
            return g => g;
        }

        var factory = new GeometryFactory(new PrecisionModel(), format.Epsg);
        return g =>
        {
            var projected = GaussKrugerZones.Project(g, format.CentralMeridian, format.ZonePrefix, factory);
            projected.Apply(new RoundToMillimetre());
            return projected;
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
                seq.SetX(i, Math.Round(seq.GetX(i), 3));
                seq.SetY(i, Math.Round(seq.GetY(i), 3));
            }
        }
    }
}
