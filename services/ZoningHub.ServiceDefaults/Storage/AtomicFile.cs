namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// Writes a file whole or not at all: under a temporary name, then renamed over the target. A reader (an operator's
/// tool, an inbox watcher) never sees it empty or half written, and a crash mid-write leaves the old content.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // A name of its own per writer: two writing the same target must not write into one temporary file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
