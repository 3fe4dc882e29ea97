using System.Text.RegularExpressions;

namespace ZoningHub.Hub.Core;

/// <summary>
/// GB/T 2260 codes as ZoningHub takes them: a county is six digits, its province the first two. Intake checks
/// county codes with these, and every unit query (hub and nodes, HTTP and gRPC) refuses a bad filter in the same words.
/// </summary>
public static partial class AreaCodes
{
    public static bool IsProvince(string code) => Province().IsMatch(code);

    public static bool IsCounty(string code) => County().IsMatch(code);

    /// <summary>Why a province or county filter is malformed, or the two contradict each other, or null.</summary>
    public static string? FilterProblem(string? province, string? county) => FilterViolation(province, county)?.Problem;

    /// <summary>The same as <see cref="FilterProblem"/>, with the filter at fault (<c>province</c> or <c>county</c>), as a gRPC refusal names it.</summary>
    public static (string Field, string Problem)? FilterViolation(string? province, string? county) =>
        province is not null && !IsProvince(province) ? ("province", $"province {QuotedInput.Of(province)} is not a two-digit province code such as 33.")
        : county is not null && !IsCounty(county) ? ("county", $"county {QuotedInput.Of(county)} is not a six-digit county code such as 330106.")
        // Answered as no units, a contradiction read as "none there"; the county alone names the place.
        : province is not null && county is not null && !county.StartsWith(province, StringComparison.Ordinal)
            ? ("county", $"county {county} is not in province {province}; give the county alone, or a county of that province.")
        : null;

    /// <summary>
    /// The county codes of an area (a province's two digits, or a county's six): from <c>From</c> up to, not including,
    /// <c>Before</c>. A range is what an index on a county or code column serves; <c>substr(county, 1, 2) = $p</c> it
    /// does not, and such a condition reads every row.
    /// </summary>
    public static (string From, string Before) Range(string area) => (area, $"{area[..^1]}{(char)(area[^1] + 1)}");

    // \z, not $: $ also matches before a final line feed, and "33\n" would pass as well-formed and match nothing.
    [GeneratedRegex(@"^[1-8][0-9]\z")]
    private static partial Regex Province();

    [GeneratedRegex(@"^[1-8][0-9]{5}\z")]
    private static partial Regex County();
}
