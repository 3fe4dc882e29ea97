namespace ZoningHub.Hub.Push;

/// <summary>
/// A snapshot's chunks read one ahead on the thread pool, so the hub reads the next chunk from its store while the
/// node writes the current one. The chunks come from one query, which holds its read transaction until disposed.
/// </summary>
sealed class ChunkReadAhead : IAsyncDisposable
{
    readonly IEnumerator<SnapshotUnits> _chunks;
    Task<SnapshotUnits?> _next;

    public ChunkReadAhead(IEnumerable<SnapshotUnits> chunks)
    {
        _chunks = chunks.GetEnumerator();
        _next = ReadNext();
    }

    /// <summary>The next chunk, for the caller to dispose of once sent; null when the snapshot is through.</summary>
    public async Task<SnapshotUnits?> NextAsync()
    {
        var chunk = await _next;
        _next = chunk is null ? _next : ReadNext();
        return chunk;
    }

    Task<SnapshotUnits?> ReadNext() => Task.Run(() => _chunks.MoveNext() ? _chunks.Current : null);

    public async ValueTask DisposeAsync()
    {
        // A chunk still being read is let finish (and its failure ignored: nobody wants it) before its query closes.
        await ((Task)_next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_next.IsCompletedSuccessfully)
        {
            _next.Result?.Dispose();
        }

        _chunks.Dispose();
    }
}
