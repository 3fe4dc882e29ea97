namespace ZoningHub.Hub.Core.Intake;

/// <summary>A geometry intake repaired rather than rejected, and by how much the repair changed its area.</summary>
public sealed record Repair(string FeatureId, string Problem, double AreaChangeFraction);
