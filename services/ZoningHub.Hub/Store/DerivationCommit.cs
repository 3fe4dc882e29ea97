namespace ZoningHub.Hub.Store;

/// <summary>What one derivation transaction appended: unit versions and conflict transitions.</summary>
/// <param name="Failures">The counties whose derivation failed, in derivation or in being stored, and why: they keep their last units.</param>
public sealed record DerivationCommit(IReadOnlyList<LoggedUnit> Units, IReadOnlyList<ConflictRecord> Conflicts, IReadOnlyList<(string County, string Error)> Failures)
{
    public bool IsEmpty => Units.Count == 0 && Conflicts.Count == 0;
}
