namespace ZoningHub.Hub.Store;

/// <summary>What applying a snapshot series did.</summary>
/// <param name="Applied">False when the stream had already passed the series (it was applied before).</param>
/// <param name="QuarantineIds">Per member, its quarantine entry when some of it was refused.</param>
/// <param name="Skipped">The sequences that never arrived and that the series superseded, if it closed a gap.</param>
public sealed record SeriesOutcome(bool Applied, long LastApplied, int MarkedCounties, IReadOnlyList<long?> QuarantineIds, (long From, long To)? Skipped);
