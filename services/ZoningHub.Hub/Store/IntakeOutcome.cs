namespace ZoningHub.Hub.Store;

public enum IntakeDisposition
{
    Applied,
    Duplicate,
    Held,
    IntegrityConflict,

    /// <summary>Refused with no place in a stream (<see cref="IntakeItem.TakesPlace"/>) and quarantined whole.</summary>
    Quarantined,
}

/// <summary>What the intake stage did with one change set.</summary>
/// <param name="LastApplied">The stream's position after the stage.</param>
/// <param name="QuarantineId">Set when some or all of the change set went to quarantine.</param>
public sealed record IntakeOutcome(IntakeDisposition Disposition, long LastApplied, int MarkedCounties = 0, long? QuarantineId = null)
{
    /// <summary>The refusal was in quarantine, open, already: the same input delivered again, not a new refusal.</summary>
    public bool QuarantinedBefore { get; init; }
}
