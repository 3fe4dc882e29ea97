namespace ZoningHub.Hub.Store;

/// <summary>What one derivation transaction appended: unit versions and conflict transitions.</summary>
public sealed record DerivationCommit(IReadOnlyList<LoggedUnit> Units, IReadOnlyList<ConflictRecord> Conflicts)
{
    public bool IsEmpty => Units.Count == 0 && Conflicts.Count == 0;
}
