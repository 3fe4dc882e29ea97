namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>What taking one export did: nothing (seen before), queued its changes, or refused it whole.</summary>
public sealed record ExportOutcome(bool AlreadyProcessed, int Features, int ChangeSets, string? RefusedBecause)
{
    public static ExportOutcome Seen { get; } = new(true, 0, 0, null);
}
