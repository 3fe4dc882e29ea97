namespace ZoningHub.Hub.Core.Intake;

/// <summary>The limits intake holds change sets to; the hub binds them from <c>Hub:Validation</c>.</summary>
public sealed record ValidationPolicy
{
    /// <summary>An invalid geometry is repaired only if the repair changes its area by less than this fraction.</summary>
    public double RepairAreaTolerance { get; init; } = 0.001;

    /// <summary>Vertices one feature may have: a county boundary at survey precision has tens of thousands.</summary>
    public int MaxVerticesPerFeature { get; init; } = 500_000;

    /// <summary>Features one change set may carry; adapters split larger exports.</summary>
    public int MaxFeaturesPerChangeSet { get; init; } = 10_000;

    // A new instance each time: configuration binding writes into the instance it is given.
    public static ValidationPolicy Default => new();
}
