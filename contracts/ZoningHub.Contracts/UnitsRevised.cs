namespace ZoningHub.Contracts;

/// <summary>The hub appended unit versions to its log, revisions <see cref="FromRevision"/>…<see cref="ToRevision"/>.</summary>
public record UnitsRevised
{
    public long FromRevision { get; init; }
    public long ToRevision { get; init; }
    public IReadOnlyList<string> Counties { get; init; } = [];
    public IReadOnlyList<string> UnitCodes { get; init; } = [];
    public DateTimeOffset RevisedAt { get; init; }
}
