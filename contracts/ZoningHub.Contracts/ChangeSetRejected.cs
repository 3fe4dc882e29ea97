namespace ZoningHub.Contracts;

/// <summary>
/// The hub refused a whole change set or some of its features. The originals are kept in the hub's
/// quarantine under <see cref="QuarantineId"/> and can be replayed after a fix.
/// </summary>
public record ChangeSetRejected
{
    public string Stream { get; init; } = "";
    public long Sequence { get; init; }
    public string Department { get; init; } = "";
    public string Layer { get; init; } = "";
    public long QuarantineId { get; init; }
    public IReadOnlyList<Rejection> Rejections { get; init; } = [];
    public DateTimeOffset RejectedAt { get; init; }
}
