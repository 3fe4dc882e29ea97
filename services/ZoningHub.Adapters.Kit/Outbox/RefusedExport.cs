namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>An export that was refused whole; the file itself was moved to <c>.failed/</c> beside its reason.</summary>
public sealed record RefusedExport(string Path, DateTimeOffset At, string Reason);
