using ZoningHub.Adapters.Kit.Outbox;

namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>What taking one export did: nothing (seen before), queued its changes, refused it whole, or waits for the rest of it.</summary>
public sealed record ExportOutcome(bool AlreadyProcessed, int Features, int ChangeSets, string? RefusedBecause)
{
    public static ExportOutcome Seen { get; } = new(true, 0, 0, null);

    /// <summary>The file reads as cut short and may still be being written: nothing was taken or recorded; it is read again.</summary>
    public bool WaitsForTheRest { get; init; }

    /// <summary>The SHA-256 of the export's content, where it was refused: what it is known by among the refused exports.</summary>
    public string? Hash { get; init; }

    /// <summary>Taken, with the same content as an earlier export: the layer is back as that one left it.</summary>
    public EarlierExport? GoesBackTo { get; init; }
}
