using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;
using ZoningHub.Adapters.Kit.Departments;

namespace ZoningHub.Samples.Tests;

/// <summary>Reads exports back the way an adapter would, with the libraries' own readers, not the generator's code.</summary>
static class Exports
{
    static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    static Exports() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IReadOnlyList<IFeature> ReadGeoJson(string path) =>
        [.. JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllBytes(path), GeoJson)!];

    /// <summary>Shapefile features; the encoding comes from the DBF itself, and invalid shapes are kept as they are.</summary>
    public static IReadOnlyList<Feature> ReadShapefile(string zip, GeometryBuilderMode mode = GeometryBuilderMode.IgnoreInvalidShapes)
    {
        using var archive = ZipFile.OpenRead(zip);
        return Shapefile.ReadAllFeatures(Entry(archive, ".shp"), Entry(archive, ".dbf"), new ShapefileReaderOptions { GeometryBuilderMode = mode });
    }

    public static MemoryStream Entry(ZipArchive archive, string extension)
    {
        using var source = archive.Entries.Single(e => e.Name.EndsWith(extension, StringComparison.Ordinal)).Open();
        var copy = new MemoryStream();
        source.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>The department's field for a contract property (or its id field), from the adapter kit's schemas.</summary>
    public static string Field(string layer, string? property = null)
    {
        var mapping = NativeSchemas.All.Values.Select(f => f()).First(o => o.Layers.ContainsKey(layer)).Layers[layer];
        return property is null ? mapping.IdField : mapping.Properties[property];
    }

    public static string? Text(IFeature feature, string field) => feature.Attributes.GetOptionalValue(field)?.ToString()?.Trim();

    public static string Id(IFeature feature, string layer) => Text(feature, Field(layer))!;

    /// <summary>Features of a layer keyed by their id.</summary>
    public static Dictionary<string, IFeature> ById(IEnumerable<IFeature> features, string layer) =>
        features.ToDictionary(f => Id(f, layer), StringComparer.Ordinal);

    /// <summary>
    /// OverlayNG, as the hub overlays: parcels rounded to the millimetre run nearly collinear with the redline
    /// edges they touch, which the legacy overlay of a plain factory cannot node.
    /// </summary>
    public static Geometry Overlay(Geometry a, Geometry b, SpatialFunction operation) => OverlayNGRobust.Overlay(a, b, operation);

    /// <summary>Zone-40 coordinates with the zone prefix (EPSG:4528) moved onto the plain CM 120°E grid (EPSG:4549).</summary>
    public static Geometry WithoutZonePrefix(Geometry geometry) =>
        NetTopologySuite.Geometries.Utilities.AffineTransformation.TranslationInstance(-40_000_000, 0).Transform(geometry);
}
