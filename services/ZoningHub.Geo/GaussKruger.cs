using System.Collections.Concurrent;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace ZoningHub.Geo;

/// <summary>
/// CGCS2000 3-degree Gauss-Krüger zones (EPSG:4513–4554 family, here without the zone prefix on x):
/// areas are measured in the zone of the geometry's centroid, as the authorities measure them (DESIGN §3).
/// </summary>
public static class GaussKruger
{
    static readonly ConcurrentDictionary<int, MathTransform> Transforms = new();

    /// <summary>Central meridian of the 3-degree zone containing <paramref name="longitude"/>: 75°, 78° … 135°E.</summary>
    public static int CentralMeridian(double longitude) => (int)Math.Round(longitude / 3.0) * 3;

    /// <summary>Planar area in m² in the Gauss-Krüger zone of the geometry's centroid.</summary>
    public static double AreaSquareMetres(Geometry geometry)
    {
        if (geometry.IsEmpty)
        {
            return 0;
        }

        var transform = Transforms.GetOrAdd(CentralMeridian(geometry.Centroid.X), CreateTransform);
        var projected = geometry.Copy();
        projected.Apply(new ProjectFilter(transform));
        return projected.Area;
    }

    static MathTransform CreateTransform(int centralMeridian)
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
            new ProjectionParameter("false_easting", 500000),
            new ProjectionParameter("false_northing", 0),
        ]);
        var projected = factory.CreateProjectedCoordinateSystem($"CGCS2000 / 3-degree Gauss-Kruger CM {centralMeridian}E",
            geographic, projection, LinearUnit.Metre,
            new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(geographic, projected).MathTransform;
    }
}
