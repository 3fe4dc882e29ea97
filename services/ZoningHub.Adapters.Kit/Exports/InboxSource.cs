namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>
/// What the adapter's state knows an inbox file by: its layer and its name, <c>&lt;layer&gt;/&lt;file&gt;</c>, never the path the
/// inbox was reached by. After a restart the same inbox may be reached by another path (a new mount point, a symbolic link,
/// the folder moved, a relative path made absolute); known by their paths, every export still there was taken again, oldest
/// first, and the layer went back to its first export and forward again to its last.
/// </summary>
static class InboxSource
{
    public static string Of(string layer, string fileName) => $"{layer}/{fileName}";

    /// <summary>
    /// What a source recorded by an earlier adapter is known by now: an inbox file's path (<c>Inbox/&lt;layer&gt;/&lt;file&gt;</c>, as
    /// configured then) becomes its layer and name; an HTTP source keeps its address.
    /// </summary>
    public static string FromRecorded(string source)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps))
        {
            return source;
        }

        var parts = source.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 2 ? source : Of(parts[^2], parts[^1]);
    }
}
