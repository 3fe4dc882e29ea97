namespace ZoningHub.Hub.Store;

/// <summary>What the hub knows of a node's sync state.</summary>
public sealed record NodeRecord(
    string NodeId,
    string Scope,
    string Address,
    long AcknowledgedRevision,
    DateTimeOffset? AcknowledgedAt,
    string State,
    string? LastError);
