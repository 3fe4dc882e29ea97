namespace ZoningHub.Node.Store;

/// <summary>Why the node would not take what the hub sent; the message says what the node holds instead.</summary>
public enum PushRefusal
{
    /// <summary>The batch starts after the node's acknowledged revision: applying it would leave a hole.</summary>
    Gap,

    /// <summary>The batch belongs to another hub log than the node holds: only a snapshot can bring it over.</summary>
    OtherLog,

    /// <summary>A unit or snapshot outside the node's scope.</summary>
    OutOfScope,

    /// <summary>A snapshot chunk or completion that does not follow on from what the node took.</summary>
    SnapshotOutOfStep,

    /// <summary>A pushed unit that is not an encoded UnitRevision with its identifying fields.</summary>
    Malformed,
}

public sealed class PushRefusedException(PushRefusal reason, string message, string? field = null) : Exception(message)
{
    public PushRefusal Reason { get; } = reason;

    /// <summary>The part of the request at fault, as the contract names it (<c>units[3]</c>), when one unit is.</summary>
    public string? Field { get; } = field;
}
