namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>A stream's position in the adapter: numbered so far, waiting for the broker, confirmed, and exports taken or refused.</summary>
public sealed record OutboxPosition(long LastSequence, long Depth, long LastConfirmed, DateTimeOffset? LastPublishedAt, long ExportsProcessed, long ExportsRefused);
