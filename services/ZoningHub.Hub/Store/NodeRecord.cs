namespace ZoningHub.Hub.Store;

/// <summary>What the hub knows of a node's sync state.</summary>
/// <param name="Detail">What the pusher is doing beyond its state, such as a snapshot's progress.</param>
public sealed record NodeRecord(
    string NodeId,
    string Scope,
    string Address,
    long AcknowledgedRevision,
    DateTimeOffset? AcknowledgedAt,
    string State,
    string? LastError,
    string? Detail,
    DigestCheck? Digest);

/// <summary>The last comparison of the hub's digest of a node's scope with the node's own, at one revision.</summary>
public sealed record DigestCheck(long Revision, string HubDigest, string NodeDigest, long HubUnits, long NodeUnits, DateTimeOffset VerifiedAt)
{
    public bool Matches => HubDigest == NodeDigest && HubUnits == NodeUnits;
}
