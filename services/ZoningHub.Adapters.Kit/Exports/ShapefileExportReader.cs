using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Reads a department's zipped Shapefile export (what ArcGIS and most Chinese GIS tools produce) in CGCS2000 or one
/// of its 3-degree Gauss-Krüger zones, and maps each record onto the contract like a GeoJSON export. Every part is
/// checked and every record read before anything is returned, so a damaged export is refused whole.
/// </summary>
public static class ShapefileExportReader
{
    public static IReadOnlyList<MappedFeature> Read(ReadOnlySpan<byte> zip, LayerMapping mapping)
    {
        var parts = ShapefileParts.Extract(zip);
        ShapefileIntegrity.Check(parts);
        var crs = SourceCrs.FromPrj(Encoding.UTF8.GetString(parts.Prj), parts.Name(".prj"));
        var (shp, dbf) = (parts.Name(".shp"), parts.Name(".dbf"));
        var encoding = ShapefileEncoding.Resolve(parts.Cpg, parts.Dbf, parts.Name(".cpg"));
        ShapefileEncoding.EndCutNames(parts.Dbf, encoding);
        var options = new ShapefileReaderOptions
        {
            Encoding = encoding,
            // An invalid polygon (a bow-tie ring) is one feature's defect: the hub quarantines that feature with its
            // reason, where the Strict default would refuse the whole export over it. Holes are placed after (ShapefileRings).
            GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes,
        };
        using var reader = Open(parts, options);
        var mapper = new FeatureMapper(mapping, reader.Fields.Select(f => f.Name).ToList(), StringComparer.OrdinalIgnoreCase, $"'{dbf}'");
        for (var record = 1; Next(reader, $"record {record} of '{shp}' and '{dbf}'", out var deleted); record++)
        {
            if (!deleted)
            {
                var shape = SinglePart(ShapefileRings.PlaceHoles(reader.Geometry));
                mapper.Add($"record {record} of '{shp}'", Attributes(reader.Fields), where => ExportGeometry.FromGeometry(shape, crs, where));
            }
        }

        return mapper.Features;
    }

    static ShapefileReader Open(ShapefileParts parts, ShapefileReaderOptions options)
    {
        try
        {
            return Shapefile.OpenRead(new MemoryStream(parts.Shp, writable: false), new MemoryStream(parts.Dbf, writable: false), options);
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new ExportFormatException($"'{parts.Name(".shp")}' with '{parts.Name(".dbf")}' cannot be read: {e.Message}");
        }
    }

    static bool Next(ShapefileReader reader, string where, out bool deleted)
    {
        try
        {
            return reader.Read(out deleted);
        }
        catch (DecoderFallbackException e)
        {
            throw new ExportFormatException($"{where}: text is not valid {reader.Encoding.WebName} ({e.Message}); "
                + "a .cpg beside the .dbf must name the encoding the attributes are written in (UTF-8 or GBK).");
        }
        catch (Exception e) when (IsReadFailure(e))
        {
            throw new ExportFormatException($"{where} cannot be read: {e.Message}");
        }
    }

    static bool IsReadFailure(Exception e) =>
        e is IOException or InvalidDataException or NotSupportedException or ArgumentException or FormatException or ShapefileException
            or InvalidOperationException or OverflowException or IndexOutOfRangeException;

    /// <summary>A Shapefile cannot tell a polygon from a one-part multipolygon; like GDAL, read one part as the single geometry.</summary>
    static Geometry? SinglePart(Geometry? geometry) =>
        geometry is MultiPolygon or MultiLineString && geometry.NumGeometries == 1 ? geometry.GetGeometryN(0) : geometry;

    /// <summary>Dates as <c>YYYY-MM-DD</c>, numbers as JSON numbers, trimmed text; blank values are absent, as a null is in GeoJSON.</summary>
    static Dictionary<string, JsonElement> Attributes(DbfFieldCollection fields)
    {
        var attributes = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            object? value = field.Value switch
            {
                string text => text.Trim() is { Length: > 0 } trimmed ? trimmed : null,
                DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal number when number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue => (long)number,
                decimal number => (double)number,
                double number when !double.IsFinite(number) => null,
                var other => other,
            };
            if (value is not null)
            {
                attributes[field.Name] = JsonSerializer.SerializeToElement(value);
            }
        }

        return attributes;
    }
}
