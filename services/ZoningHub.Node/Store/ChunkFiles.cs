using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Store;

/// <summary>
/// The bytes of a base's chunks, and of the snapshot being taken, each in a file of its own beside the store
/// (<c>chunks/base-N-K.chunks</c>: N the number it has or will have as the node's base, K a hash of its snapshot's id,
/// so that no two snapshots share a name, not even across a store removed and made again, whose numbers start over),
/// where the store's rows say which part of the file each chunk is.
/// Kept in SQLite, a 25 MB snapshot's bytes were copied into pages, checksummed into the write-ahead log, and written
/// twice (log, then checkpoint), and the store's file kept the space of every base it had held: the benchmark's node
/// store took them in 0.16–0.17 s that way, and takes them in 0.15 s so (alternating runs, session 18).
/// A file is only appended to, while its snapshot is taken, and never changed after; the store's rows are committed
/// after their bytes are written, so a row never names bytes that were not written before it.
/// </summary>
public sealed class ChunkFiles(string directory)
{
    readonly BackgroundSync _backgroundSync = new(SyncFile);

    public string Directory => directory;

    /// <summary>The file of the base numbered <paramref name="baseNumber"/> that snapshot <paramref name="snapshotId"/> makes.</summary>
    public string PathOf(long baseNumber, string snapshotId)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(snapshotId)))[..16];
        return Path.Combine(directory, $"base-{baseNumber}-{key}.chunks");
    }

    /// <summary>Starts <paramref name="path"/> empty, dropping what a snapshot begun before under the same id left there.</summary>
    public void Start(string path)
    {
        _backgroundSync.WaitUntilIdle();
        _backgroundSync.Forget(path);
        System.IO.Directory.CreateDirectory(directory);
        File.Delete(path);
    }

    /// <summary>Writes <paramref name="bytes"/> into <paramref name="path"/> at <paramref name="offset"/>, unsynced.</summary>
    public void Write(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        System.IO.Directory.CreateDirectory(directory);
        using var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(file, bytes, offset);
    }

    /// <summary>
    /// Syncs <paramref name="path"/> in the background (<see cref="BackgroundSync"/>), so that the snapshot's completion
    /// has little left to wait for (as <c>SqliteFile.SyncInBackground</c> does for the log).
    /// </summary>
    public void SyncInBackground(string path) => _backgroundSync.Request(path);

    /// <summary>
    /// Makes <paramref name="path"/> durable, with its name in the directory, once the background syncs are through: done
    /// before the completion that makes it the base is committed, which would otherwise name bytes a power cut could
    /// take (see <see cref="BackgroundSyncFailure"/> first).
    /// </summary>
    public void SyncAfterBackground(string path)
    {
        _backgroundSync.WaitUntilIdle();
        SyncFile(path);
        // The name once, here: the background syncs, one per chunk, would each have forced a journal commit for it.
        SyncDirectory();
    }

    static void SyncFile(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // A snapshot of no units has no file; completion refuses one whose rows name bytes in a missing file.
        }
    }

    /// <summary>
    /// Waits for the background syncs; the first failure of one of <paramref name="path"/> since it was started, if one
    /// failed. Such a file is not to be synced again and trusted (<see cref="BackgroundSync.WaitUntilIdle"/>).
    /// </summary>
    public Exception? BackgroundSyncFailure(string path) => _backgroundSync.WaitUntilIdle(path)?.GetBaseException();

    void SyncDirectory()
    {
        // A new file's name is durable only once its directory is synced; .NET opens no directory, so libc does
        // (Linux and macOS; Windows makes a file's name durable with the file).
        if (OperatingSystem.IsWindows() || !System.IO.Directory.Exists(directory))
        {
            return;
        }

        int descriptor;
        try
        {
            descriptor = Libc.open(System.Text.Encoding.UTF8.GetBytes(directory + "\0"), 0);
        }
        catch (DllNotFoundException)
        {
            // A C library not found as "libc" (musl without its development link): the file's own sync stands alone.
            return;
        }

        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        var synced = Libc.fsync(descriptor);
        var error = Marshal.GetLastPInvokeError();
        _ = Libc.close(descriptor);
        if (synced != 0)
        {
            throw new IOException($"Cannot sync {directory} (errno {error}).");
        }
    }

    static class Libc
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int fsync(int descriptor);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int descriptor);
    }

    /// <summary>
    /// Removes every base's file but <paramref name="keep"/>: the base and the snapshot being taken, and the base
    /// before them. A reader opens its base's file as its transaction begins, and keeps it open to its end (a removed
    /// file stays readable through a handle open on it), so only a reader in the moment between the two could want one.
    /// </summary>
    public void RemoveAllBut(params string[] keep)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return;
        }

        var kept = keep.ToHashSet(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "base-*.chunks").Where(f => !kept.Contains(f)))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Called after a commit, or at a store's opening: a file that cannot go now (held open elsewhere,
                // Windows) is tried again at the next completion or start, rather than failing what was done.
            }
        }
    }

    /// <summary>Opens <paramref name="path"/> to read; null if it is missing (removed by hand, or lost with a disk).</summary>
    public static SafeFileHandle? OpenRead(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads exactly <paramref name="into"/>'s length at <paramref name="offset"/>; false if the file ends first.</summary>
    public static bool TryRead(SafeFileHandle file, Span<byte> into, long offset)
    {
        for (var read = 0; read < into.Length;)
        {
            var got = RandomAccess.Read(file, into[read..], offset + read);
            if (got == 0)
            {
                return false;
            }

            read += got;
        }

        return true;
    }
}
