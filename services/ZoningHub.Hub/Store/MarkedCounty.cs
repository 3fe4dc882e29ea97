namespace ZoningHub.Hub.Store;

/// <summary>
/// A county waiting for re-derivation, the mark generation derivation saw, the traces of the changes that marked
/// it (oldest first), and how many older ones were dropped to keep that list bounded (<see cref="CountyTraces"/>).
/// </summary>
public sealed record MarkedCounty(string County, long Generation, IReadOnlyList<string>? TraceParents = null, int TracesDropped = 0)
{
    public IReadOnlyList<string> TraceParents { get; init; } = TraceParents ?? [];
}
