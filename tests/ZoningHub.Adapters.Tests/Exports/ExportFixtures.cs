using System.IO.Compression;
using System.Text.Json;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>The committed exports of <c>Fixtures/</c> (made with GDAL and PROJ, see its README) and ways to damage them.</summary>
static class ExportFixtures
{
    public static LayerMapping Redline => NativeSchemas.OneMap().Layers["ecological-redline"];

    public static LayerMapping Reserve => NativeSchemas.Forestry().Layers["nature-reserve"];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static IReadOnlyList<MappedFeature> Read(string name, LayerMapping mapping) => ExportReader.Read(name, Bytes(name), mapping);

    public static string Refusal(string fileName, byte[] content, LayerMapping mapping) =>
        Assert.ThrowsAny<ExportFormatException>(() => ExportReader.Read(fileName, content, mapping)).Message;

    /// <summary>Where PROJ (cs2cs) puts every vertex of the export sources written in <paramref name="crs"/>, e.g. <c>EPSG:4527</c>.</summary>
    public static IReadOnlyList<ExpectedVertex> ExpectedVertices(string crs) =>
        JsonSerializer.Deserialize<Dictionary<string, ExpectedVertex[]>>(Bytes("expected-vertices.json"), JsonSerializerOptions.Web)![crs];

    /// <summary>Each CGCS2000 3-degree zone with the .prj GDAL writes for it and one point PROJ converted.</summary>
    public static IReadOnlyList<ExpectedZone> Zones() =>
        JsonSerializer.Deserialize<Dictionary<string, ExpectedZone[]>>(Bytes("zones.json"), JsonSerializerOptions.Web)!["zones"];

    /// <summary>A copy of a zip with each entry changed by <paramref name="change"/>: new content, or null to leave the entry out.</summary>
    public static byte[] Rezip(byte[] zip, Func<string, byte[], byte[]?> change)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.Where(e => e.Name.Length > 0))
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                if (change(entry.FullName, content.ToArray()) is { } changed)
                {
                    using var stream = target.CreateEntry(entry.FullName).Open();
                    stream.Write(changed);
                }
            }
        }

        return output.ToArray();
    }

    /// <summary>Replaces the part with <paramref name="extension"/> (e.g. <c>.prj</c>) in a zip.</summary>
    public static byte[] WithPart(byte[] zip, string extension, Func<byte[], byte[]?> change) =>
        Rezip(zip, (name, content) => name.EndsWith(extension, StringComparison.Ordinal) ? change(content) : content);
}

public sealed record ExpectedVertex(string Id, double X, double Y, double Lon, double Lat);

public sealed record ExpectedZone(int Epsg, int CentralMeridian, string Prj, double X, double Y, double Lon, double Lat);
