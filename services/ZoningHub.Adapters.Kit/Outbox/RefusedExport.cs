namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>An export that was refused whole; the file itself was moved to <c>.failed/</c> beside its reason.</summary>
/// <param name="Path">
/// Its source: an inbox file's layer and name (its path within the inbox; stores from before keep the full path), or an
/// HTTP source's address.
/// </param>
public sealed record RefusedExport(string Path, DateTimeOffset At, string Reason);
