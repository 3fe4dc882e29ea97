namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>GB/T 4754 industry codes: a section letter, then division, group and class digits.</summary>
public static class Industry
{
    /// <summary>Whether a forbidden code covers a project's code: <c>C</c> covers <c>C2511</c>, <c>C25</c> covers <c>C2511</c>, <c>C26</c> does not.</summary>
    public static bool Covers(string forbidden, string industry) =>
        forbidden.Length > 0 && industry.StartsWith(forbidden, StringComparison.OrdinalIgnoreCase);
}
