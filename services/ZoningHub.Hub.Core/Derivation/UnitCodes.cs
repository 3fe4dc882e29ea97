namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// The one place that knows the unit code format: <c>ZH</c> + county + type digit + serial of at least 4 digits.
/// Not a national standard (DESIGN §3); codes are assigned once by the registry and never reused, so a county
/// whose departments re-key their features can use up 9,999 serials of a type: the serial then runs on in 5 digits
/// (county and type are fixed-width, so a longer code never equals a shorter one).
/// </summary>
public static partial class UnitCodes
{
    /// <summary>
    /// Why <paramref name="code"/> cannot be a unit code, or null when it has a unit code's shape: <c>ZH</c>, then 11 to
    /// 17 digits (six of county, one of type, a serial of 4 to 10). Only the shape, checked by every lookup before it
    /// reads anything: a lookup must be bounded and safe to quote back, and which codes exist is the store's to answer.
    /// </summary>
    public static string? Problem(string code) => Shape().IsMatch(code)
        ? null
        : $"code {QuotedInput.Of(code)} is not a unit code: ZH and 11 to 17 digits (county, type digit, serial), such as ZH33010610001.";

    public static string Format(string county, UnitType type, int serial) =>
        serial < 1
            ? throw new ArgumentOutOfRangeException(nameof(serial), serial, "Unit serials start at 1.")
            : $"ZH{county}{(int)type}{serial:D4}";

    /// <summary>
    /// The codes of an area's units, a province (2 digits) or county (6 digits): from <c>From</c> up to, not
    /// including, <c>Before</c>. Codes begin with the county, so an area's units are one range of the code index,
    /// which a listing reads instead of every code before them.
    /// </summary>
    public static (string From, string Before) Range(string area)
    {
        var (from, before) = AreaCodes.Range(area);
        return ($"ZH{from}", $"ZH{before}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^ZH[0-9]{11,17}\z")]
    private static partial System.Text.RegularExpressions.Regex Shape();
}
