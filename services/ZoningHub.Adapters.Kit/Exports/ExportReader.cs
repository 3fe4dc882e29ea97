namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Reads an export dropped into an adapter's inbox, choosing the reader by the file's extension: departments export
/// GeoJSON (<c>.geojson</c>, <c>.json</c>) or zipped Shapefiles (<c>.zip</c>).
/// </summary>
public static class ExportReader
{
    /// <summary>The inbox file patterns the readers take; anything else in the inbox is left alone.</summary>
    public static IReadOnlyList<string> FilePatterns { get; } = ["*.geojson", "*.json", "*.zip"];

    /// <summary>Maps the whole export onto the contract, or throws <see cref="ExportFormatException"/> saying what is wrong and where.</summary>
    public static IReadOnlyList<MappedFeature> Read(string fileName, ReadOnlySpan<byte> content, LayerMapping mapping)
    {
        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".geojson", StringComparison.OrdinalIgnoreCase) || extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return GeoJsonExportReader.Read(content, mapping);
        }

        if (extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ShapefileExportReader.Read(content, mapping);
        }

        throw new ExportFormatException($"'{Path.GetFileName(fileName)}' is not an export this adapter reads: exports are GeoJSON (.geojson, .json) "
            + "or a Shapefile zipped with its .shx, .dbf and .prj (.zip).");
    }
}
