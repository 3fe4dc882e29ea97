using System.Text.Json;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace ZoningHub.Geo;

/// <summary>
/// The product's single geometry configuration (DESIGN §3). Every geometry the hub builds or reads comes
/// from <see cref="Factory"/>, so overlays use OverlayNG and coordinates snap to one precision grid.
/// </summary>
public static class GeoContext
{
    /// <summary>CGCS2000 geographic (longitude/latitude), on the wire and in stores.</summary>
    public const int Srid = 4490;

    /// <summary>1e7 per degree: about 1 cm on the ground, finer than any department's survey data.</summary>
    public const double PrecisionScale = 1e7;

    public static NtsGeometryServices Services { get; } = new(
        CoordinateArraySequenceFactory.Instance,
        new PrecisionModel(PrecisionScale),
        Srid,
        // NetTopologySuite defaults to the legacy overlay; OverlayNG is robust with a fixed precision model.
        GeometryOverlay.NG,
        new CoordinateEqualityComparer());

    public static GeometryFactory Factory { get; } = Services.CreateGeometryFactory();

    /// <summary>Reads and writes GeoJSON geometries and features with <see cref="Factory"/>.</summary>
    public static JsonSerializerOptions GeoJsonOptions { get; } = CreateGeoJsonOptions();

    static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        options.Converters.Add(new GeoJsonConverterFactory(Factory));
        return options;
    }

    public static Geometry ReadWkb(byte[] wkb) => new WKBReader(Services).Read(wkb);

    public static byte[] WriteWkb(Geometry geometry) => new WKBWriter().Write(geometry);
}
