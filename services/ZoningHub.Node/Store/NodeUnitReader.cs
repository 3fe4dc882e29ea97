using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Store;

/// <summary>
/// What local users read: the units the node holds, as the hub pushed them (the stored <c>body</c>).
/// Filters run in SQL on the columns stored beside the body, so only the matching units are parsed.
/// </summary>
public sealed class NodeUnitReader(NodeDatabase database)
{
    /// <summary>
    /// Active units in code order; a null filter matches everything, and a page reads its rows after its code.
    /// Province and county are assumed well-formed.
    /// </summary>
    public IReadOnlyList<UnitRevision> Active(string? province, string? county, UnitType? type, UnitPage page = default)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT body FROM units
            WHERE retired = 0 AND ($p IS NULL OR substr(county, 1, 2) = $p) AND ($c IS NULL OR county = $c)
              AND ($t IS NULL OR type = $t) AND ($a IS NULL OR code > $a)
            ORDER BY code LIMIT $n
            """;
        command.Parameters.AddWithValue("$p", (object?)province ?? DBNull.Value);
        command.Parameters.AddWithValue("$c", (object?)county ?? DBNull.Value);
        command.Parameters.AddWithValue("$t", type is null ? DBNull.Value : (int)type);
        command.Parameters.AddWithValue("$a", (object?)page.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$n", page.RowsToRead);
        return Read(command);
    }

    /// <summary>The unit's current version, retired or not; null when the node holds no unit with that code.</summary>
    public UnitRevision? Find(string code)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM units WHERE code = $code";
        command.Parameters.AddWithValue("$code", code);
        return Read(command).SingleOrDefault();
    }

    static List<UnitRevision> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var units = new List<UnitRevision>();
        while (reader.Read())
        {
            units.Add(UnitRevision.Parser.ParseFrom((byte[])reader[0]));
        }

        return units;
    }
}
