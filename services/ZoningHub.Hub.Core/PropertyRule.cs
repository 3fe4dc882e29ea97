namespace ZoningHub.Hub.Core;

/// <summary>
/// A property whose value the core acts on, and what it takes (contracts/README.md §4). A value outside it (a department's
/// own "一级保护区" for grade 1, "已批复" for approved) would be stored and then silently derive nothing and be checked
/// against nothing, so intake refuses it, saying what is taken. Absent or null is taken: the property is optional.
/// </summary>
/// <param name="Takes">What the value may be, in the contract's words, for the refusal to say.</param>
public sealed record PropertyRule(string Property, string Takes, Func<string, bool> Accepts)
{
    public static PropertyRule Listed(string property, params string[] values) =>
        new(property, string.Join(", ", values.Select(v => $"\"{v}\"")), value => values.Contains(value, StringComparer.Ordinal));
}
