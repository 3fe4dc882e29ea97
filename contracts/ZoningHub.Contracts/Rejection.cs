namespace ZoningHub.Contracts;

/// <summary>One reason for refusal: the rule broken and, when it concerns one feature, that feature.</summary>
public record Rejection
{
    /// <summary>Stable rule id, e.g. <c>sequence.missing</c> or <c>geometry.invalid</c>; listed in contracts/README.md.</summary>
    public string Rule { get; init; } = "";

    /// <summary>Null when the whole change set is refused.</summary>
    public string? FeatureId { get; init; }

    public string Message { get; init; } = "";
}
