namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// The conditions of a listing of active units, the hub's and the nodes' alike (their tables name the same columns).
/// Only the filters given are written: SQLite plans a statement before its parameters are bound, so
/// "$c IS NULL OR county = $c" read every unit whatever was asked. An area (a province or county) is read through
/// its range of codes (<see cref="UnitCodes.Range"/>), in the order listed, rather than from the first code on: on a
/// national store a page of a late province read every code before it.
/// </summary>
public static class UnitListingFilter
{
    /// <param name="type">The unit type's number, which the hub's and the protobuf enum share.</param>
    /// <param name="table">The units table's alias in the statement (<c>u</c>), or empty.</param>
    /// <returns>The conditions joined by AND, and their parameters ($from, $before, $p, $c, $t, $a).</returns>
    public static (string Where, IReadOnlyList<(string Name, object? Value)> Parameters) Of(
        string table, string? province, string? county, int? type, string? after)
    {
        var column = table.Length == 0 ? "" : table + ".";
        var where = new List<string> { $"{column}retired = 0" };
        var parameters = new List<(string, object?)>();
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(condition);
                parameters.Add((name, value));
            }
        }

        if ((county ?? province) is { } area)
        {
            var (from, before) = UnitCodes.Range(area);
            Filter($"{column}code >= $from", "$from", from);
            Filter($"{column}code < $before", "$before", before);
        }

        Filter($"substr({column}county, 1, 2) = $p", "$p", province);
        Filter($"{column}county = $c", "$c", county);
        Filter($"{column}type = $t", "$t", type);
        Filter($"{column}code > $a", "$a", after);
        return (string.Join(" AND ", where), parameters);
    }
}
