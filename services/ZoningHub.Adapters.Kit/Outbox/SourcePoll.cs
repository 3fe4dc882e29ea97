namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>How the last poll of an HTTP source ended, for <c>/api/adapters</c>.</summary>
/// <param name="Outcome">One of <see cref="PollOutcomes"/>.</param>
/// <param name="Status">The HTTP status of the last answer, or null when the service did not answer.</param>
/// <param name="Error">Why the poll took nothing, when it failed.</param>
public sealed record SourcePoll(string Source, DateTimeOffset At, string Outcome, int? Status, string? Error);
