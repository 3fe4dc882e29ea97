namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// When the watcher last saw each export change (its length or write time), on the adapter's own clock; a file first
/// seen changed then. The write time itself is no such clock: copies keep the source's (robocopy dates a file it is
/// still copying 1980-01-01, cp -p and rsync -t carry the original's), and a share eight hours ahead (local time taken
/// as UTC) dates an export in the future, which hid it for hours.
/// </summary>
sealed class ExportObservations
{
    readonly Dictionary<string, (long Length, DateTime Written, DateTime Changed)> _seen = new(StringComparer.Ordinal);

    /// <summary>Notes the file as listed <paramref name="now"/>; returns when it was last seen to change.</summary>
    public DateTime LastChanged(string path, long length, DateTime written, DateTime now)
    {
        if (_seen.TryGetValue(path, out var seen) && seen.Length == length && seen.Written == written)
        {
            return seen.Changed;
        }

        _seen[path] = (length, written, now);
        return now;
    }

    /// <summary>Forgets the files of a folder that its listing no longer has, so a file dropped again is new again.</summary>
    public void KeepOnly(string folder, IReadOnlyCollection<string> listed)
    {
        var gone = _seen.Keys.Where(path => Path.GetDirectoryName(path) == folder && !listed.Contains(path)).ToList();
        foreach (var path in gone)
        {
            _seen.Remove(path);
        }
    }
}
