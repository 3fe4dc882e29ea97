using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using ZoningHub.Geo;

namespace ZoningHub.Samples.Shapes;

/// <summary>
/// Irregular, hand-drawn looking shapes: a circle whose radius wobbles with a few random harmonics. The wobble
/// stays below the radius, so the outline is star-shaped around its centre and always a simple ring.
/// </summary>
static class Blobs
{
    const double MetresPerDegreeLatitude = 110_574;
    const double MetresPerDegreeLongitudeAtEquator = 111_320;
    static readonly int[] Harmonics = [2, 3, 5];

    public static Polygon Around(Coordinate centre, double radiusMetres, SampleRandom random, int vertices = 40)
    {
        var harmonics = Harmonics.Select(k => (K: k, Amplitude: random.Range(0.05, 0.18), Phase: random.Range(0, 2 * Math.PI))).ToArray();
        var (dx, dy) = DegreesPerMetre(centre.Y);
        var precision = GeoContext.Factory.PrecisionModel;
        var ring = new Coordinate[vertices + 1];
        for (var i = 0; i < vertices; i++)
        {
            var angle = 2 * Math.PI * i / vertices;
            var radius = radiusMetres * (1 + harmonics.Sum(h => h.Amplitude * Math.Sin((h.K * angle) + h.Phase)));
            ring[i] = new Coordinate(
                precision.MakePrecise(centre.X + (radius * Math.Cos(angle) * dx)),
                precision.MakePrecise(centre.Y + (radius * Math.Sin(angle) * dy)));
        }

        ring[vertices] = ring[0].Copy();
        return GeoContext.Factory.CreatePolygon(ring);
    }

    /// <summary>
    /// A uniformly drawn point inside <paramref name="area"/> and outside <paramref name="excluded"/>, or <c>null</c>
    /// when little is left (drawing and rejecting is far cheaper than computing what is left).
    /// </summary>
    public static Coordinate? PointIn(Geometry area, SampleRandom random, Pieces? excluded = null)
    {
        if (area.IsEmpty)
        {
            return null;
        }

        var locator = new IndexedPointInAreaLocator(area);
        var box = area.EnvelopeInternal;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = new Coordinate(
                GeoContext.Factory.PrecisionModel.MakePrecise(random.Range(box.MinX, box.MaxX)),
                GeoContext.Factory.PrecisionModel.MakePrecise(random.Range(box.MinY, box.MaxY)));
            if (locator.Locate(candidate) == Location.Interior && excluded?.Covers(candidate) != true)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A vertex of the outline of <paramref name="area"/>: a centre there gives a shape half in, half out.</summary>
    public static Coordinate PointOnBoundary(Geometry area, SampleRandom random) =>
        random.Pick(area.Boundary.Coordinates).Copy();

    /// <summary>Degrees of longitude and latitude per metre at a latitude, close enough for drawing shapes.</summary>
    public static (double Longitude, double Latitude) DegreesPerMetre(double latitude) =>
        (1 / (MetresPerDegreeLongitudeAtEquator * Math.Cos(latitude * Math.PI / 180)), 1 / MetresPerDegreeLatitude);

    public static Coordinate Offset(Coordinate origin, double eastMetres, double northMetres)
    {
        var (dx, dy) = DegreesPerMetre(origin.Y);
        var precision = GeoContext.Factory.PrecisionModel;
        return new Coordinate(precision.MakePrecise(origin.X + (eastMetres * dx)), precision.MakePrecise(origin.Y + (northMetres * dy)));
    }
}
