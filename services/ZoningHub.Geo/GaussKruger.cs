using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace ZoningHub.Geo;

/// <summary>
/// CGCS2000 3-degree Gauss-Krüger zones (EPSG:4513–4554 family): areas are measured in the zone of the
/// geometry's centroid, as the authorities measure them (DESIGN §3), without the zone prefix on x; department
/// exports in a zone are brought back to longitude/latitude with whichever false easting they were written in.
/// </summary>
public static class GaussKruger
{
    static readonly ConcurrentDictionary<(int CentralMeridian, double FalseEasting), MathTransform> Inverses = new();
    static readonly ConcurrentDictionary<(int CentralMeridian, double FalseEasting), MathTransform> Forwards = new();

    /// <summary>
    /// Central meridian of the 3-degree zone containing <paramref name="longitude"/>: 75°, 78° … 135°E. Zone n spans
    /// [3n − 1.5°, 3n + 1.5°), so a longitude on the edge between two zones (118.5°E, 121.5°E) belongs to the eastern
    /// one every time; rounding halves to even, as <see cref="Math.Round(double)"/> does, sent 118.5°E east and 121.5°E
    /// west. Longitudes beyond China's zones 25–45 are measured in the nearest of them: the westernmost tip, at about
    /// 73.5°E, lies just past zone 25's edge, and a 72°E meridian would be no CGCS2000 zone at all.
    /// </summary>
    public static int CentralMeridian(double longitude) =>
        Math.Clamp((int)Math.Floor((longitude + 1.5) / 3.0), GaussKrugerZones.FirstZone, GaussKrugerZones.LastZone) * 3;

    /// <summary>Planar area in m² in the Gauss-Krüger zone of the geometry's centroid.</summary>
    public static double AreaSquareMetres(Geometry geometry)
    {
        if (geometry.IsEmpty)
        {
            return 0;
        }

        var transform = ToProjected(CentralMeridian(geometry.Centroid.X), 500_000);
        var projected = geometry.Copy();
        projected.Apply(new ProjectFilter(transform));
        return projected.Area;
    }

    /// <summary>
    /// CGCS2000 longitude/latitude of the point at <paramref name="easting"/>, <paramref name="northing"/> in the zone of
    /// <paramref name="centralMeridian"/>, whose false easting is 500 000 m or carries the zone number (zone 39: 39 500 000 m).
    /// </summary>
    public static (double Longitude, double Latitude) ToGeographic(int centralMeridian, double falseEasting, double easting, double northing) =>
        Inverses.GetOrAdd((centralMeridian, falseEasting), key => CreateTransform(key.CentralMeridian, key.FalseEasting, inverse: true))
            .Transform(easting, northing);

    /// <summary>Longitude/latitude to easting/northing in the zone of <paramref name="centralMeridian"/> with the given false easting.</summary>
    internal static MathTransform ToProjected(int centralMeridian, double falseEasting) =>
        Forwards.GetOrAdd((centralMeridian, falseEasting), key => CreateTransform(key.CentralMeridian, key.FalseEasting, inverse: false));

    static MathTransform CreateTransform(int centralMeridian, double falseEasting, bool inverse)
    {
        var factory = new CoordinateSystemFactory();
        var ellipsoid = factory.CreateFlattenedSphere("CGCS2000", 6378137.0, 298.257222101, LinearUnit.Metre);
        var datum = factory.CreateHorizontalDatum("China_2000", DatumType.HD_Geocentric, ellipsoid, null);
        var geographic = factory.CreateGeographicCoordinateSystem("China Geodetic Coordinate System 2000",
            AngularUnit.Degrees, datum, PrimeMeridian.Greenwich,
            new AxisInfo("Lon", AxisOrientationEnum.East), new AxisInfo("Lat", AxisOrientationEnum.North));
        var projection = factory.CreateProjection("Gauss-Kruger", "transverse_mercator",
        [
            new ProjectionParameter("latitude_of_origin", 0),
            new ProjectionParameter("central_meridian", centralMeridian),
            new ProjectionParameter("scale_factor", 1.0),
            new ProjectionParameter("false_easting", falseEasting),
            new ProjectionParameter("false_northing", 0),
        ]);
        var projected = factory.CreateProjectedCoordinateSystem($"CGCS2000 / 3-degree Gauss-Kruger CM {centralMeridian}E",
            geographic, projection, LinearUnit.Metre,
            new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        var transformations = new CoordinateTransformationFactory();
        return (inverse
            ? transformations.CreateFromCoordinateSystems(projected, geographic)
            : transformations.CreateFromCoordinateSystems(geographic, projected)).MathTransform;
    }
}
