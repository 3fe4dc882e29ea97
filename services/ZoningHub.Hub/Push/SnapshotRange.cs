using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Push;

/// <summary>
/// The codes a snapshot of a scope sends, in code order: after the node's last code, and a province's one range of
/// codes (codes begin with the county).
/// </summary>
public readonly record struct SnapshotRange(string After, string From, string? Before)
{
    /// <param name="scope"><c>national</c>, or a province's two digits.</param>
    /// <param name="afterCode">The last code the node took: empty for a new snapshot.</param>
    public static SnapshotRange Of(string scope, string afterCode)
    {
        var (from, before) = scope == "national" ? ("", null) : UnitCodes.Range(scope);
        return new(afterCode, from, before);
    }

    /// <summary>Whether a code comes before the range: one the node took, or another province's.</summary>
    public bool IsAhead(string code) => string.CompareOrdinal(code, After) <= 0 || string.CompareOrdinal(code, From) < 0;

    /// <summary>Whether a code comes after the range.</summary>
    public bool IsPast(string code) => Before is not null && string.CompareOrdinal(code, Before) >= 0;
}
