using ZoningHub.Contracts;

namespace ZoningHub.Hub.Store;

/// <summary>Input kept for an operator: the change set as JSON, why it was refused, and whether it was replayed.</summary>
/// <param name="Scope"><c>change-set</c> when the whole set was refused, <c>features</c> when only some features were.</param>
/// <param name="Body">
/// The change set as it came: a department's own data (redlines, projects' sites), so it is not in the quarantine's
/// listing, which anyone who can see the dashboard reads, but given only to an operator (GET /api/quarantine/{id}/body).
/// </param>
public sealed record QuarantineRecord(
    long Id,
    string Stream,
    long Sequence,
    string Department,
    string Layer,
    string Scope,
    IReadOnlyList<Rejection> Reasons,
    [property: System.Text.Json.Serialization.JsonIgnore] string Body,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ReplayedAt);
