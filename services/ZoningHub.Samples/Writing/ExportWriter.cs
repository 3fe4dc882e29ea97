using System.Globalization;
using System.Security.Cryptography;
using ZoningHub.Geo;
using ZoningHub.Samples.Stages;
using ZoningHub.Samples.World;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Samples.Writing;

/// <summary>Writes one layer's full export to <c>&lt;root&gt;/&lt;department&gt;/&lt;layer&gt;/&lt;layer&gt;-sNN.ext</c>.</summary>
static class ExportWriter
{
    public static SampleFile Write(string root, SampleWorld world, string layer, int stage, int centralMeridian)
    {
        var department = Schema.Department(layer);
        var format = ExportFormat.For(department, centralMeridian);
        var name = string.Create(CultureInfo.InvariantCulture, $"{layer}-s{stage:00}");
        var features = world.Layers[layer];
        var project = ZoneProjection.For(format);
        var bytes = format.Kind == ExportFormat.ShapefileZip
            ? ShapefileExportWriter.Write(name, layer, features, project, GaussKrugerZones.EsriWkt(centralMeridian, format.ZonePrefix), StageEdits.ExportDate(stage))
            : GeoJsonExportWriter.Write(name, layer, features, project, format.Projected ? format.Epsg : null);
        var relative = $"{department}/{layer}/{name}{format.Extension}";
        // Whole or not at all, so an inbox watcher never reads half a file.
        AtomicFile.WriteAllBytes(Path.Combine(root, relative), bytes);
        return new SampleFile(department, layer, relative, format.Kind, format.Epsg, features.Count, bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
