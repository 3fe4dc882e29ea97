using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using ZoningHub.Geo;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>Overlay results reduced to their areas: units and conflicts are polygons, never lines or points.</summary>
public static class Polygonal
{
    public static Geometry Empty { get; } = GeoContext.Factory.CreatePolygon();

    /// <summary>The polygonal part of an overlay result: a Polygon, a MultiPolygon, or empty.</summary>
    public static Geometry Of(Geometry geometry)
    {
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }

        var polygons = PolygonExtracter.GetPolygons(geometry).Cast<Polygon>().ToArray();
        return polygons.Length switch
        {
            0 => Empty,
            1 => polygons[0],
            _ => GeoContext.Factory.CreateMultiPolygon(polygons),
        };
    }

    /// <summary>
    /// Approximate area in m² from lon/lat degrees (cosine of the centroid latitude): good enough to compare with
    /// a sliver tolerance, where projecting every candidate piece into Gauss-Krüger would be wasted work.
    /// </summary>
    public static double ApproximateSquareMetres(Geometry geometry)
    {
        if (geometry.IsEmpty)
        {
            return 0;
        }

        const double metresPerDegree = 111_320.0;
        var latitude = geometry.EnvelopeInternal.Centre.Y * Math.PI / 180;
        return geometry.Area * metresPerDegree * metresPerDegree * Math.Cos(latitude);
    }
}
