using System.Diagnostics;

namespace ZoningHub.Testing;

/// <summary>
/// A real disk of a few MiB that a spec can fill up: a tmpfs mounted in a temporary folder. Mounting needs root, as the
/// test command runs; a store on it fails with SQLite's own "database or disk is full", as on a production disk.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    readonly TemporaryDirectory _root = new("zoninghub-small-disk-");

    public SmallDisk(int mebibytes = 3)
    {
        Directory.CreateDirectory(Path);
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", $"size={mebibytes}m", "tmpfs", Path);
        if (exit != 0)
        {
            throw new InvalidOperationException($"a spec mounts a {mebibytes} MiB tmpfs as a disk to fill and needs root for it: mount said {output}");
        }
    }

    public string Path => System.IO.Path.Combine(_root.Path, "disk");

    /// <summary>Writes a file until the disk has no space left; deleting it gives the space back.</summary>
    /// <returns>The file's path.</returns>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var file = File.Create(filler);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // No space left on the device: what the spec wants.
        }

        return filler;
    }

    // Lazily ("-l"): a store's pooled connections may still hold its files open; clear them first where there are any.
    public void Dispose()
    {
        Run("umount", "-l", Path);
        _root.Dispose();
    }

    static (int ExitCode, string Output) Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
