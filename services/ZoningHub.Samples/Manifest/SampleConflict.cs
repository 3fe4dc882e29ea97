namespace ZoningHub.Samples;

/// <summary>A conflict between two departments' layers that the samples hold on purpose.</summary>
/// <param name="Rule">The hub's rule id (ZoningHub.Hub.Core.Conflicts.ConflictRules).</param>
/// <param name="Feature"><c>layer/id</c> of the feature in conflict.</param>
/// <param name="Other"><c>layer/id</c> of the feature it conflicts with, or <c>null</c> when the rule is about the whole redline.</param>
public sealed record SampleConflict(string Rule, string Feature, string? Other, string Description);
