namespace ZoningHub.Hub.Store;

/// <summary>A source stream as the hub sees it.</summary>
public sealed record StreamRecord(
    string Stream,
    string Department,
    IReadOnlyList<string> Layers,
    long LastSequence,
    DateTimeOffset? LastSeen,
    long Quarantined,
    long Held);
