namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>Stable ids of the conflict rules (DESIGN §4).</summary>
public static class ConflictRules
{
    /// <summary>A nature reserve or national park lies partly outside the ecological redline.</summary>
    public const string ProtectedAreaOutsideRedline = "protected-area-outside-redline";

    /// <summary>Permanent basic farmland or an urban development boundary overlaps the redline.</summary>
    public const string DevelopmentOverlapsRedline = "overlaps-redline";

    /// <summary>A grade-1 drinking-water zone overlaps an urban development boundary or an industrial park.</summary>
    public const string WaterZoneOverlapsDevelopment = "grade-1-water-zone-overlaps-development";

    /// <summary>An approved EIA project lies in a unit whose access list forbids its industry.</summary>
    public const string ProjectIndustryForbidden = "eia-project-industry-forbidden";
}
