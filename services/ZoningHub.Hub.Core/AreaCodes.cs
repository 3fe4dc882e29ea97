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

    /// <summary>Why a province or county filter is malformed, or null when both are absent or well-formed.</summary>
    public static string? FilterProblem(string? province, string? county) =>
        province is not null && !IsProvince(province) ? $"province {QuotedInput.Of(province)} is not a two-digit province code such as 33."
        : county is not null && !IsCounty(county) ? $"county {QuotedInput.Of(county)} is not a six-digit county code such as 330106."
        : null;

    // \z, not $: $ also matches before a final line feed, and "33\n" would pass as well-formed and match nothing.
    [GeneratedRegex(@"^[1-8][0-9]\z")]
    private static partial Regex Province();

    [GeneratedRegex(@"^[1-8][0-9]{5}\z")]
    private static partial Regex County();
}
