namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>An export taken before: the source it came from (an inbox file's layer and name, or an address) and when.</summary>
public sealed record EarlierExport(string Source, DateTimeOffset TakenAt);
