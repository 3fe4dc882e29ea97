using System.Globalization;
using NetTopologySuite.Geometries;

namespace ZoningHub.Geo;

/// <summary>
/// The CGCS2000 3-degree Gauss-Krüger zones as department systems export in them. EPSG:4513–4533 (zones
/// 25–45) put the zone number in front of the easting, so 120°E is 40 500 000 m in EPSG:4528; EPSG:4534–4554
/// name the central meridian and keep the plain 500 000 m false easting, so 120°E is 500 000 m in EPSG:4549.
/// The transforms themselves are <see cref="GaussKruger"/>'s, which measures areas without the prefix.
/// </summary>
public static class GaussKrugerZones
{
    internal const int FirstZone = 25;
    internal const int LastZone = 45;

    /// <summary>Zone number of a central meridian: 75°E is zone 25, 120°E zone 40, 135°E zone 45.</summary>
    public static int Zone(int centralMeridian)
    {
        var zone = centralMeridian / 3;
        return centralMeridian % 3 == 0 && zone is >= FirstZone and <= LastZone
            ? zone
            : throw new ArgumentOutOfRangeException(nameof(centralMeridian), centralMeridian, "CGCS2000 3-degree zones have central meridians 75, 78 … 135°E.");
    }

    /// <summary>EPSG code of the zone: 4513 + (zone − 25) with the zone prefix, 4534 + (zone − 25) without.</summary>
    public static int Epsg(int centralMeridian, bool zonePrefix) => (zonePrefix ? 4513 : 4534) + Zone(centralMeridian) - FirstZone;

    /// <summary>False easting in metres: 500 000, preceded by the zone number when <paramref name="zonePrefix"/>.</summary>
    public static double FalseEasting(int centralMeridian, bool zonePrefix) =>
        (zonePrefix ? Zone(centralMeridian) * 1_000_000.0 : 0) + 500_000;

    /// <summary>A projected copy (x easting, y northing, metres) of a CGCS2000 longitude/latitude geometry.</summary>
    public static Geometry Project(Geometry lonLat, int centralMeridian, bool zonePrefix, GeometryFactory factory)
    {
        var projected = factory.CreateGeometry(lonLat);
        projected.Apply(new ProjectFilter(GaussKruger.ToProjected(centralMeridian, FalseEasting(centralMeridian, zonePrefix))));
        return projected;
    }

    /// <summary>The zone as ESRI software writes it into a Shapefile's <c>.prj</c> (projection <c>Gauss_Kruger</c>).</summary>
    public static string EsriWkt(int centralMeridian, bool zonePrefix)
    {
        var name = zonePrefix ? $"CGCS2000_3_Degree_GK_Zone_{Zone(centralMeridian)}" : $"CGCS2000_3_Degree_GK_CM_{centralMeridian}E";
        return string.Create(CultureInfo.InvariantCulture,
            $"PROJCS[\"{name}\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",{FalseEasting(centralMeridian, zonePrefix):0.0}],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",{centralMeridian:0.0}],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]");
    }
}
