using System.Globalization;
using ProjNet.CoordinateSystems;
using ProjNet.IO.CoordinateSystems;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Recognises CGCS2000 geographic and its 3-degree Gauss-Krüger zones in a Shapefile's <c>.prj</c> by what the WKT
/// says (ellipsoid, projection and its parameters), not by its name: ArcGIS, GDAL and Chinese GIS tools name the same
/// system differently and write no EPSG code in ESRI WKT.
/// </summary>
static class PrjReader
{
    const double Cgcs2000SemiMajorAxis = 6378137.0;
    const double Cgcs2000InverseFlattening = 298.257222101;

    public static SourceCrs Read(string wkt, string part)
    {
        var info = Parse(wkt, part);
        var problem = info switch
        {
            GeographicCoordinateSystem geographic => GeographicProblem(geographic),
            ProjectedCoordinateSystem projected => GeographicProblem(projected.GeographicCoordinateSystem) ?? ProjectionProblem(projected),
            _ => $"a {info.GetType().Name}, neither geographic nor projected",
        };
        if (problem is not null)
        {
            throw new ExportFormatException($"'{part}' describes '{info.Name}' ({problem}); {SourceCrs.Accepted}.");
        }

        return info is ProjectedCoordinateSystem system ? Zone(system)! : SourceCrs.Geographic;
    }

    static CoordinateSystem Parse(string wkt, string part)
    {
        var text = wkt.Trim().TrimStart('\uFEFF');
        try
        {
            return CoordinateSystemWktReader.Parse(text) as CoordinateSystem
                   ?? throw new ExportFormatException($"'{part}' is WKT but not a coordinate system; {SourceCrs.Accepted}.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException)
        {
            var start = text.Length > 60 ? text[..60] + "…" : text;
            throw new ExportFormatException($"'{part}' does not parse as WKT ({e.Message}; it starts '{start}'); {SourceCrs.Accepted}.");
        }
    }

    static string? GeographicProblem(GeographicCoordinateSystem geographic)
    {
        var ellipsoid = geographic.HorizontalDatum.Ellipsoid;
        var (a, inverseFlattening) = (ellipsoid.SemiMajorAxis * ellipsoid.AxisUnit.MetersPerUnit, ellipsoid.InverseFlattening);
        if (!Near(a, Cgcs2000SemiMajorAxis, 1e-3) || !Near(inverseFlattening, Cgcs2000InverseFlattening, 1e-9))
        {
            return (a, inverseFlattening) switch
            {
                _ when Near(a, 6378137, 1e-3) && Near(inverseFlattening, 298.257223563, 1e-9) => "WGS 84 ellipsoid",
                _ when Near(a, 6378140, 1e-3) && Near(inverseFlattening, 298.257, 1e-9) => "Xian 1980 ellipsoid",
                _ when Near(a, 6378245, 1e-3) && Near(inverseFlattening, 298.3, 1e-9) => "Beijing 1954 (Krasovsky 1940) ellipsoid",
                _ => $"ellipsoid '{ellipsoid.Name}' a={Number(a)} 1/f={Number(inverseFlattening)}, not CGCS2000's 6378137 / 298.257222101",
            };
        }

        return !Near(geographic.PrimeMeridian.Longitude, 0, 1e-12) ? $"prime meridian {Number(geographic.PrimeMeridian.Longitude)}, not Greenwich"
            : !Near(geographic.AngularUnit.RadiansPerUnit, Math.PI / 180, 1e-12) ? $"angular unit '{geographic.AngularUnit.Name}', not degrees"
            : null;
    }

    static string? ProjectionProblem(ProjectedCoordinateSystem projected)
    {
        var method = projected.Projection.ClassName;
        var normalized = new string(method.Where(char.IsLetter).ToArray()).ToUpperInvariant();
        if (normalized is not ("TRANSVERSEMERCATOR" or "GAUSSKRUGER"))
        {
            return $"projection {method}, not Transverse_Mercator or Gauss_Kruger";
        }

        var (scale, origin, northing) = (Parameter(projected, "scale_factor"), Parameter(projected, "latitude_of_origin"), Parameter(projected, "false_northing"));
        if (!Near(scale, 1, 1e-12))
        {
            return $"scale factor {Number(scale)}, not the 1 of a Gauss-Krüger zone";
        }

        if (!Near(origin, 0, 1e-12) || !Near(northing, 0, 1e-9))
        {
            return $"latitude of origin {Number(origin)} and false northing {Number(northing)}, not 0 and 0";
        }

        if (!Near(projected.LinearUnit.MetersPerUnit, 1, 1e-12))
        {
            return $"linear unit '{projected.LinearUnit.Name}', not metres";
        }

        return Zone(projected) is null
            ? $"central meridian {Number(Parameter(projected, "central_meridian"))}E with false easting {Number(Parameter(projected, "false_easting"))}, "
              + "which is no 3-degree zone: the central meridian must be a multiple of 3 from 75 to 135 and the false easting 500000 or "
              + "the zone number followed by 500000 (zone 39: 39500000)"
            : null;
    }

    static SourceCrs? Zone(ProjectedCoordinateSystem projected) =>
        SourceCrs.FromZone(Parameter(projected, "central_meridian"), Parameter(projected, "false_easting"));

    /// <summary>WKT parameter names differ only in case between ESRI (<c>Central_Meridian</c>) and OGC (<c>central_meridian</c>).</summary>
    static double Parameter(ProjectedCoordinateSystem projected, string name)
    {
        var projection = projected.Projection;
        for (var i = 0; i < projection.NumParameters; i++)
        {
            if (string.Equals(projection.GetParameter(i).Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return projection.GetParameter(i).Value;
            }
        }

        return name == "scale_factor" ? 1 : 0;
    }

    static bool Near(double value, double expected, double tolerance) => Math.Abs(value - expected) <= tolerance;

    static string Number(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
}
