using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;
using UnitListingFilter = ZoningHub.Hub.Core.Derivation.UnitListingFilter;
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
    /// Province and county are assumed well-formed. Read lazily, one row at a time on one connection: a listing
    /// writes each unit out before the next is read, rather than holding a national scope in memory.
    /// </summary>
    public IEnumerable<UnitRevision> Active(string? province, string? county, UnitType? type, UnitPage page = default)
    {
        using var connection = database.Open();
        var (sql, parameters) = ActiveQuery(province, county, type, page);
        using var command = connection.Command(null, sql, parameters);
        foreach (var unit in Read(command))
        {
            yield return unit;
        }
    }

    /// <summary>The statement <see cref="Active"/> runs, and its parameters.</summary>
    internal static (string Sql, (string, object?)[] Parameters) ActiveQuery(string? province, string? county, UnitType? type, UnitPage page)
    {
        var (where, parameters) = UnitListingFilter.Of("", province, county, type is null ? null : (int)type, page.After);
        return ($"SELECT body FROM units WHERE {where} ORDER BY code LIMIT $n", [.. parameters, ("$n", page.RowsToRead)]);
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

    static IEnumerable<UnitRevision> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return UnitRevision.Parser.ParseFrom((byte[])reader[0]);
        }
    }
}
