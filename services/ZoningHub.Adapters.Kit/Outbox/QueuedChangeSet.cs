using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>A change set waiting in the outbox, and the W3C <c>traceparent</c> of the span that queued it, if any.</summary>
public sealed record QueuedChangeSet(ChangeSetPublished ChangeSet, string? TraceParent);
