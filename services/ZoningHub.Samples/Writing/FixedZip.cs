using System.IO.Compression;

namespace ZoningHub.Samples.Writing;

/// <summary>A zip whose bytes depend only on its entries: fixed order and a fixed timestamp instead of the clock.</summary>
static class FixedZip
{
    public static byte[] Create(IEnumerable<(string Name, byte[] Content)> entries, DateOnly date)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
                using var target = entry.Open();
                target.Write(content);
            }
        }

        return stream.ToArray();
    }
}
