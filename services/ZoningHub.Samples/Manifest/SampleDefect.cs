namespace ZoningHub.Samples;

/// <summary>A feature broken on purpose, so intake's refusals and repairs have something real to act on.</summary>
/// <param name="Kind"><c>self-intersection</c>, <c>unknown-county</c> or <c>swapped-coordinates</c>.</param>
public sealed record SampleDefect(string Department, string Layer, string FeatureId, string Kind, string Description);
