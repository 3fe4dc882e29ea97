using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// A snapshot's chunks read one ahead on the thread pool, so the hub reads the next chunk from its store while the
/// node writes the current one. The chunks come from one query, which holds its read transaction until disposed.
/// </summary>
sealed class ChunkReadAhead : IAsyncDisposable
{
    readonly IEnumerator<IReadOnlyList<EncodedUnit>> _chunks;
    Task<IReadOnlyList<EncodedUnit>> _next;

    public ChunkReadAhead(IEnumerable<IReadOnlyList<EncodedUnit>> chunks)
    {
        _chunks = chunks.GetEnumerator();
        _next = ReadNext();
    }

    /// <summary>The next chunk, empty when the snapshot is through.</summary>
    public async Task<IReadOnlyList<EncodedUnit>> NextAsync()
    {
        var chunk = await _next;
        _next = chunk.Count == 0 ? _next : ReadNext();
        return chunk;
    }

    Task<IReadOnlyList<EncodedUnit>> ReadNext() => Task.Run(() => _chunks.MoveNext() ? _chunks.Current : (IReadOnlyList<EncodedUnit>)[]);

    public async ValueTask DisposeAsync()
    {
        // A chunk still being read is let finish (and its failure ignored: nobody wants it) before its query closes.
        await ((Task)_next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _chunks.Dispose();
    }
}
