namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// The one place that knows the unit code format: <c>ZH</c> + county + type digit + 4-digit serial.
/// Not a national standard (DESIGN §3); codes are assigned once by the registry and never reused.
/// </summary>
public static class UnitCodes
{
    public static string Format(string county, UnitType type, int serial) =>
        serial is < 1 or > 9999
            ? throw new ArgumentOutOfRangeException(nameof(serial), serial, "Unit serials run from 1 to 9999 per county and type.")
            : $"ZH{county}{(int)type}{serial:D4}";
}
