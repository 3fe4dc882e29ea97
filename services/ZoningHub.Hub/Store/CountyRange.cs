using ZoningHub.Hub.Core;

namespace ZoningHub.Hub.Store;

/// <summary>
/// An area (a province's two digits, a county's six) as a condition on a table's <c>county</c> column: the area's range
/// of county codes (<see cref="AreaCodes.Range"/>), which an index on the column serves, where
/// <c>substr(county, 1, 2) = $p</c> read every row. No area is no condition.
/// </summary>
static class CountyRange
{
    /// <returns>The condition, and its parameters <c>$from</c> and <c>$before</c>.</returns>
    public static (string Condition, (string, object?)[] Parameters) Of(string? area)
    {
        if (area is null)
        {
            return ("1", []);
        }

        var (from, before) = AreaCodes.Range(area);
        return ("county >= $from AND county < $before", [("$from", from), ("$before", before)]);
    }
}
