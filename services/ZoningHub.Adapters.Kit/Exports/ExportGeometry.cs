using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using ZoningHub.Geo;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Turns an export's geometry into the GeoJSON the contract carries: CGCS2000 longitude/latitude, two dimensions,
/// rounded to 1e-9° (0.1 mm; the hub snaps to its 1e-7° grid later). Null, empty and non-finite geometries are refused
/// here, naming the feature, because the hub could only quarantine them one change set later.
/// </summary>
static class ExportGeometry
{
    const int Decimals = 9;

    /// <summary>How far x may lie from the zone's false easting: far more than a 3-degree zone is wide (about 170 km each side).</summary>
    const double MaxEastingOffset = 1_000_000;

    /// <summary>
    /// The same for eastings that carry their zone's number (EPSG:4513–4533, x = zone × 1,000,000 + 500,000 + offset): within
    /// half a million metres, so the leading digits are the zone's. An export of zone 40 labelled zone 39 was read 700 km east.
    /// </summary>
    const double MaxPrefixedEastingOffset = 499_999;

    /// <summary>
    /// A GeoJSON feature's geometry. In CGCS2000 longitude/latitude it passes through with its numbers as the doubles
    /// they are (<see cref="GeoJsonNumbers"/>), so its hash is what it was before exports could be projected; in a zone
    /// it is reprojected.
    /// </summary>
    public static JsonElement FromGeoJson(JsonElement feature, SourceCrs crs, string where)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind == JsonValueKind.Null)
        {
            throw new ExportFormatException($"{where} has no geometry (null); every feature needs one.");
        }

        GeoJsonCoordinates.Check(geometry, where);
        if (crs.IsGeographic)
        {
            return GeoJsonNumbers.Normalised(geometry);
        }

        Geometry read;
        try
        {
            read = GeoJson.ReadGeometry(geometry);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            throw new ExportFormatException($"{where} has a geometry that is not valid GeoJSON: {e.Message}");
        }

        return FromGeometry(read, crs, where);
    }

    /// <summary>A geometry read in <paramref name="crs"/>, e.g. a Shapefile's shape.</summary>
    public static JsonElement FromGeometry(Geometry? geometry, SourceCrs crs, string where)
    {
        if (geometry is null || geometry.IsEmpty)
        {
            throw new ExportFormatException($"{where} has no geometry (a null or empty shape); every feature needs one.");
        }

        var coordinates = geometry.Coordinates;
        var maxOffset = crs.FalseEasting > 1_000_000 ? MaxPrefixedEastingOffset : MaxEastingOffset;
        for (var i = 0; i < coordinates.Length; i++)
        {
            var (x, y) = (coordinates[i].X, coordinates[i].Y);
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                throw new ExportFormatException($"{where}: vertex {i} has a non-finite coordinate ({x}, {y}).");
            }

            if (!crs.IsGeographic && (Math.Abs(x - crs.FalseEasting) > maxOffset || y is < 0 or > 10_000_000))
            {
                throw new ExportFormatException($"{where}: vertex {i} ({x:0.###}, {y:0.###}) is not in {crs}: x must be the easting "
                    + $"within {maxOffset:0} m of {crs.FalseEasting:0} and y the northing from 0 to 10000000. "
                    + "Check the export's coordinate system (an easting's leading digits name its zone) and that x is the easting.");
            }
        }

        var projected = new Reprojection(crs).Transform(geometry);
        if (projected.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y)))
        {
            throw new ExportFormatException($"{where}: reprojection from {crs} gave a non-finite coordinate.");
        }

        return GeoJson.ToElement(projected);
    }

    /// <summary>Copies a geometry to two-dimensional CGCS2000 longitude/latitude; NetTopologySuite keeps its structure.</summary>
    sealed class Reprojection(SourceCrs crs) : GeometryTransformer
    {
        protected override CoordinateSequence TransformCoordinates(CoordinateSequence coords, Geometry parent)
        {
            var result = Factory.CoordinateSequenceFactory.Create(coords.Count, 2, 0);
            for (var i = 0; i < coords.Count; i++)
            {
                var (longitude, latitude) = crs.ToGeographic(coords.GetX(i), coords.GetY(i));
                result.SetX(i, Math.Round(longitude, Decimals));
                result.SetY(i, Math.Round(latitude, Decimals));
            }

            return result;
        }
    }
}
