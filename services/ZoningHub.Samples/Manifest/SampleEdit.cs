namespace ZoningHub.Samples;

/// <summary>One edit a stage makes to one layer.</summary>
/// <param name="Kind"><c>moved</c>, <c>split</c>, <c>deleted</c>, <c>added</c> or <c>approved</c>.</param>
/// <param name="FeatureIds">The features the edit touches; for a split the original first, then the new one.</param>
public sealed record SampleEdit(int Stage, string Department, string Layer, string Kind, IReadOnlyList<string> FeatureIds, string Description);
