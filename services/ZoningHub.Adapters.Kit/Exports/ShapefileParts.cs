using System.IO.Compression;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// The files of one Shapefile dataset taken out of a department's zip: <c>.shp</c>, <c>.shx</c>, <c>.dbf</c> and
/// <c>.prj</c> side by side (in any folder of the zip), and the optional <c>.cpg</c> naming the attribute encoding.
/// </summary>
sealed record ShapefileParts(string BasePath, byte[] Shp, byte[] Shx, byte[] Dbf, byte[] Prj, byte[]? Cpg)
{
    static readonly string[] Required = [".shp", ".shx", ".dbf", ".prj"];

    /// <summary>The name of one part inside the zip, for messages, e.g. <c>export/redline.dbf</c>.</summary>
    public string Name(string extension) => BasePath + extension;

    public static ShapefileParts Extract(ReadOnlySpan<byte> zip)
    {
        using var archive = Open(zip);
        var entries = archive.Entries
            .Where(e => e.Name.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) && !e.Name.StartsWith("._", StringComparison.Ordinal))
            .ToList();
        var shapes = entries.Where(e => Path.GetExtension(e.Name).Equals(".shp", StringComparison.OrdinalIgnoreCase)).ToList();
        if (shapes.Count != 1)
        {
            throw new ExportFormatException($"the .zip holds {shapes.Count} .shp files ({Listing(shapes)}); a Shapefile export is one dataset: "
                + "one .shp with its .shx, .dbf and .prj (and optionally .cpg).");
        }

        var basePath = shapes[0].FullName[..^".shp".Length];
        ZipArchiveEntry? Part(string extension) => entries.FirstOrDefault(e =>
            e.FullName.Length == basePath.Length + extension.Length
            && e.FullName.StartsWith(basePath, StringComparison.OrdinalIgnoreCase)
            && e.FullName.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

        var missing = Required.Where(extension => Part(extension) is null).ToList();
        if (missing.Count > 0)
        {
            throw new ExportFormatException($"the .zip has '{shapes[0].FullName}' but no {string.Join(", ", missing)} beside it "
                + $"(it holds {Listing(entries)}); a Shapefile export needs .shp, .shx, .dbf and .prj with the same name in one folder.");
        }

        return new ShapefileParts(basePath, Read(Part(".shp")!), Read(Part(".shx")!), Read(Part(".dbf")!), Read(Part(".prj")!),
            Part(".cpg") is { } cpg ? Read(cpg) : null);
    }

    static ZipArchive Open(ReadOnlySpan<byte> zip)
    {
        try
        {
            return new ZipArchive(new MemoryStream(zip.ToArray(), writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new ExportCutShortException($"the .zip cannot be opened: it is cut short or not a zip archive ({zip.Length} bytes; {e.Message}). "
                + "Wait until it is completely copied, or zip the export again.");
        }
    }

    static byte[] Read(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            throw new ExportFormatException($"'{entry.FullName}' in the .zip cannot be unpacked ({e.Message}); zip the export again.");
        }
    }

    static string Listing(IReadOnlyCollection<ZipArchiveEntry> entries) =>
        entries.Count == 0 ? "no files" : string.Join(", ", entries.Take(12).Select(e => e.FullName)) + (entries.Count > 12 ? ", …" : "");
}
