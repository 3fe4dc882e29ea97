namespace ZoningHub.Hub.Store;

/// <summary>A source stream as the hub sees it.</summary>
/// <param name="Quarantined">Its open quarantine entries (<see cref="QuarantineStore.IsOpen"/>).</param>
/// <param name="Held">Change sets that came before numbers they follow, waiting for them.</param>
public sealed record StreamRecord(
    string Stream,
    string Department,
    IReadOnlyList<string> Layers,
    long LastSequence,
    DateTimeOffset? LastSeen,
    long Quarantined,
    long Held)
{
    /// <summary>The lowest held number: the stream waits for the ones between <see cref="LastSequence"/> and it.</summary>
    public long? HeldFirst { get; init; }

    /// <summary>When the longest-held change set came.</summary>
    public DateTimeOffset? HeldSince { get; init; }
}
