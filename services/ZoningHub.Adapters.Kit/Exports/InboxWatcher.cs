using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// Watches <c>Inbox/&lt;layer&gt;/</c> for department exports. Each export is taken once it has stopped changing, unless it is
/// what its file (known by layer and name, <see cref="InboxSource"/>) delivered last; a refused one is moved to
/// <c>.failed/</c> beside a file saying why.
/// </summary>
public sealed class InboxWatcher(DepartmentAdapter adapter, ILogger<InboxWatcher> logger) : BackgroundService
{
    // Exports stay in the inbox once taken: each poll would read and hash every one of them again (a 50 MB export,
    // 450 MB a second). A file whose length and write time are as when it was last taken is not read again.
    readonly Dictionary<string, (long Length, DateTime Written)> _taken = new(StringComparer.Ordinal);

    // Exports that read as cut short, said once at Information while they are waited for.
    readonly HashSet<string> _waiting = new(StringComparer.Ordinal);

    readonly ExportObservations _observed = new();

    // The adapter's SourcesForgotten when _taken was last cleared for it.
    int _forgotten;

    /// <summary>How an export's bytes are read; the specs make it fail as it does for an account without read permission.</summary>
    internal Func<string, byte[]> ReadFile { get; init; } = File.ReadAllBytes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = adapter.Options;
        logger.LogInformation("Adapter {Stream} watching {Inbox} for layers {Layers}", options.Stream, Path.GetFullPath(options.InboxDirectory),
            string.Join(", ", options.Layers.Keys));
        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            if (adapter.SourcesForgotten != _forgotten)
            {
                _forgotten = adapter.SourcesForgotten;
                _taken.Clear();
            }

            foreach (var layer in options.Layers.Keys)
            {
                Poll(layer);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Takes a layer's ready exports oldest first, from its folder, made again if someone removed it. A failure
    /// (the adapter's store, an export that cannot be moved aside) ends this layer's poll, so later exports wait
    /// for the earlier ones, and the next poll tries again: let through, it would stop the host, and with it every
    /// adapter and, in the embedded run, the hub.
    /// </summary>
    void Poll(string layer)
    {
        try
        {
            var folder = Path.Combine(adapter.Options.InboxDirectory, layer);
            Directory.CreateDirectory(folder);
            foreach (var (path, file, changed) in ReadyExports(folder))
            {
                Process(layer, path, file, changed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Adapter {Stream} could not take the exports of {Layer}; trying again at the next poll", adapter.Options.Stream, layer);
        }
    }

    /// <summary>
    /// Oldest first, so of two exports dropped together the newer is taken last; by name only between equals, as names
    /// need not sort by time ("r-9" after "r-10"). Length and write time come with the listing, one look at each file.
    /// Ready once the adapter has seen it unchanged for StableAfter, whatever its write time says.
    /// </summary>
    List<(string Path, FileInfo File, DateTime Changed)> ReadyExports(string folder)
    {
        var now = DateTime.UtcNow;
        // The path as the folder is configured, as the log names it; the adapter's state knows the file by layer and name.
        var listed = ExportReader.FilePatterns.SelectMany(new DirectoryInfo(folder).EnumerateFiles)
            .Select(file => (Path: Path.Combine(folder, file.Name), File: file))
            .Select(f => (f.Path, f.File, Changed: _observed.LastChanged(f.Path, f.File.Length, f.File.LastWriteTimeUtc, now)))
            .ToList();
        _observed.KeepOnly(folder, listed.Select(f => f.Path).ToHashSet(StringComparer.Ordinal));
        return [.. listed.Where(f => now - f.Changed >= adapter.Options.StableAfter)
            .OrderBy(f => f.File.LastWriteTimeUtc).ThenBy(f => f.File.Name, StringComparer.Ordinal)];
    }

    /// <param name="changed">When the adapter last saw the file change.</param>
    void Process(string layer, string path, FileInfo file, DateTime changed)
    {
        var source = InboxSource.Of(layer, file.Name);
        var stamp = (file.Length, file.LastWriteTimeUtc);
        if (_taken.TryGetValue(path, out var taken) && taken == stamp)
        {
            return;
        }

        if (file.Length > Array.MaxLength)
        {
            // Read whole or not at all: past what one array holds it failed as "still being written", at every poll, for ever.
            var reason = $"is {file.Length / (1024.0 * 1024 * 1024):F1} GiB; the adapter reads an export whole, up to 2 GiB. "
                + "Export the layer as a zipped Shapefile, or with its geometry simplified.";
            adapter.Store.RecordFailedExport($"too-large:{file.Length}:{stamp.LastWriteTimeUtc.Ticks}", source, reason);
            Refuse(layer, path, reason);
            return;
        }

        byte[] bytes;
        try
        {
            bytes = ReadFile(path);
        }
        catch (IOException e)
        {
            logger.LogDebug(e, "Export {Path} is still being written; next poll", path);
            return;
        }
        catch (UnauthorizedAccessException e)
        {
            // No copy under way ends this way: the adapter's account may not read the file (dropped over SFTP or Samba by the
            // department's own account with umask 077) until someone changes that. Let through, it ended the layer's poll at
            // every poll, before any newer export; refused, the newer ones are taken and the reason shows at /api/adapters.
            var reason = $"the adapter's account ({Environment.UserName}) may not read it ({e.Message}). "
                + "Give that account read permission on the file and put it back in the inbox.";
            adapter.Store.RecordFailedExport($"unreadable:{file.Length}:{stamp.LastWriteTimeUtc.Ticks}", source, reason);
            Refuse(layer, path, reason);
            return;
        }

        var outcome = adapter.TakeExport(layer, source, path, bytes, waitIfCutShort: DateTime.UtcNow - changed < adapter.Options.CutShortWait);
        if (outcome.WaitsForTheRest)
        {
            logger.Log(_waiting.Add(path) ? LogLevel.Information : LogLevel.Debug,
                "Export {Path} of {Layer} reads as cut short; waiting for the rest of it ({Reason})", path, layer, outcome.RefusedBecause);
        }
        else if (outcome.RefusedBecause is { } reason)
        {
            Refuse(layer, path, reason);
        }
        else
        {
            _waiting.Remove(path);
            _taken[path] = stamp;
            if (outcome.GoesBackTo is { } earlier)
            {
                logger.LogWarning("Export {Path} of {Layer} is the same as {Earlier}, taken at {TakenAt}: the layer goes back to it, {ChangeSets} change sets "
                    + "queued undo every change since. If it was dropped by mistake, drop the layer's current export again", path, layer,
                    earlier.Source, earlier.TakenAt, outcome.ChangeSets);
            }
            else if (!outcome.AlreadyProcessed)
            {
                logger.LogInformation("Export {Path} of {Layer}: {Features} features, {ChangeSets} change sets queued",
                    path, layer, outcome.Features, outcome.ChangeSets);
            }
        }
    }

    /// <summary>A refused export (recorded as such) out of the inbox, beside its reason.</summary>
    void Refuse(string layer, string path, string reason)
    {
        _waiting.Remove(path);
        logger.LogError("Export {Path} of {Layer} refused, nothing published: {Reason}", path, layer, reason);
        // A refusal does not stand as the source's last delivery: the same file, dropped again after a fix to the mapping,
        // say, or left here by a move that failed, is read and judged again.
        Quarantine(path, reason);
    }

    /// <summary>
    /// Moves a refused export to <c>.failed/</c> beside a file with the reason: kept for the operator, out of the next
    /// poll. A name refused before gets a number (<c>redline (2).geojson</c>): moved over it, the export refused first,
    /// and its reason, were gone while the adapter still listed it as refused.
    /// </summary>
    public static void Quarantine(string path, string reason)
    {
        var failed = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(path)!, ".failed")).FullName;
        var (name, extension) = (Path.GetFileNameWithoutExtension(path), Path.GetExtension(path));
        var target = Path.Combine(failed, name + extension);
        for (var n = 2; File.Exists(target) || File.Exists(target + ".reason.txt"); n++)
        {
            target = Path.Combine(failed, $"{name} ({n}){extension}");
        }

        File.Move(path, target);
        AtomicFile.WriteAllText(target + ".reason.txt", reason + Environment.NewLine);
    }
}
