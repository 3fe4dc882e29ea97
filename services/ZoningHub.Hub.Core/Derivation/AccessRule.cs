namespace ZoningHub.Hub.Core.Derivation;

/// <summary>One requirement of an access list, machine-checkable through the industries it forbids.</summary>
/// <param name="Dimension">spatial-layout | pollutant-emission | environmental-risk | resource-efficiency.</param>
public sealed record AccessRule(string Dimension, string TextZh, string TextEn, IReadOnlyList<string> ForbiddenIndustries);
