using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Store;

/// <summary>Reads the unit log and the current units: the one source for nodes and the dashboard.</summary>
public sealed class UnitLogReader(HubDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    const string Columns = "revision, code, identity, county, type, version, retired, geometry, area, content_hash, sources, access_list, revised_at";

    public long HeadRevision()
    {
        using var connection = database.Open();
        return Revisions.Head(connection, null);
    }

    /// <summary>Log entries after <paramref name="afterRevision"/> up to <paramref name="throughRevision"/> in a node's scope, oldest first.</summary>
    public IReadOnlyList<LoggedUnit> Read(long afterRevision, long throughRevision, string scope, int limit)
    {
        using var connection = database.Open();
        return connection.Query(null, $"""
            SELECT {Columns} FROM unit_log
            WHERE revision > $after AND revision <= $through AND ($scope = 'national' OR substr(county, 1, 2) = $scope)
            ORDER BY revision LIMIT $n
            """, Map, ("$after", afterRevision), ("$through", throughRevision), ("$scope", scope), ("$n", limit));
    }

    /// <summary>The active units' current versions, filtered by province (2 digits), county (6 digits) and type.</summary>
    public IReadOnlyList<LoggedUnit> Active(string? province, string? county, UnitType? type)
    {
        using var connection = database.Open();
        return connection.Query(null, $"""
            SELECT {string.Join(", ", Columns.Split(", ").Select(c => "l." + c))} FROM units u JOIN unit_log l ON l.revision = u.revision
            WHERE u.retired = 0 AND ($p IS NULL OR substr(u.county, 1, 2) = $p) AND ($c IS NULL OR u.county = $c)
              AND ($t IS NULL OR u.type = $t)
            ORDER BY u.code
            """, Map, ("$p", province), ("$c", county), ("$t", (int?)type));
    }

    /// <summary>Every version of one unit, oldest first.</summary>
    public IReadOnlyList<LoggedUnit> History(string code)
    {
        using var connection = database.Open();
        return connection.Query(null, $"SELECT {Columns} FROM unit_log WHERE code = $c ORDER BY revision", Map, ("$c", code));
    }

    static LoggedUnit Map(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (UnitType)r.GetInt32(4), r.GetInt32(5), r.GetInt32(6) == 1,
        r.IsDBNull(7) ? null : (byte[])r[7], r.GetDouble(8), r.GetString(9),
        JsonSerializer.Deserialize<List<string>>(r.GetString(10), Json) ?? [],
        JsonSerializer.Deserialize<List<AccessRule>>(r.GetString(11), Json) ?? [],
        DateTimeOffset.Parse(r.GetString(12), System.Globalization.CultureInfo.InvariantCulture));
}
