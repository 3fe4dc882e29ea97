using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>One push of the log: its units, and the revision it covers the log through (the head when it reached the end).</summary>
public sealed record LogBatch(IReadOnlyList<EncodedUnit> Units, long Through)
{
    /// <summary>The traces of the derivations that wrote its units, oldest first: the push continues them.</summary>
    public IReadOnlyList<string> TraceParents { get; init; } = [];
}
