namespace ZoningHub.Contracts;

/// <summary>A later change removed the overlap behind a conflict.</summary>
public record ConflictResolved
{
    public string ConflictId { get; init; } = "";
    public string Rule { get; init; } = "";
    public long Revision { get; init; }
}
