using ZoningHub.Contracts;

namespace ZoningHub.Hub.Store;

/// <summary>Input kept for an operator: the change set as JSON, why it was refused, and whether it was replayed.</summary>
/// <param name="Scope"><c>change-set</c> when the whole set was refused, <c>features</c> when only some features were.</param>
public sealed record QuarantineRecord(
    long Id,
    string Stream,
    long Sequence,
    string Department,
    string Layer,
    string Scope,
    IReadOnlyList<Rejection> Reasons,
    string Body,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ReplayedAt);
