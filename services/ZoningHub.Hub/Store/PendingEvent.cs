namespace ZoningHub.Hub.Store;

/// <summary>A derivation event recorded with its pass and not yet published; <see cref="TraceParent"/> is the pass's span.</summary>
public sealed record PendingEvent(long Id, object Message, string? TraceParent);
