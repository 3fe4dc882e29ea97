using ZoningHub.Hub.Core.Conflicts;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Store;

/// <summary>What derivation found for one marked county, or why it could not derive it.</summary>
public sealed record CountyOutcome(MarkedCounty Mark, IReadOnlyList<DerivedUnit> Units, IReadOnlyList<DetectedConflict> Conflicts, string? Failure = null);
