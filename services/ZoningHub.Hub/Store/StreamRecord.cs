namespace ZoningHub.Hub.Store;

/// <summary>A source stream as the hub sees it.</summary>
/// <param name="Quarantined">Its open quarantine entries (<see cref="QuarantineStore.IsOpen"/>).</param>
public sealed record StreamRecord(
    string Stream,
    string Department,
    IReadOnlyList<string> Layers,
    long LastSequence,
    DateTimeOffset? LastSeen,
    long Quarantined,
    long Held);
