using System.Text.Json;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Digests;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Hub.Store;

/// <summary>Reads the unit log and the current units: the one source for nodes and the dashboard.</summary>
public sealed class UnitLogReader(HubDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A unit's access list is its type's base list plus its anchor layer's rules: a handful of distinct lists
    // repeat over thousands of units, and decoding each again was a quarter of a snapshot's reading.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<AccessRule>> AccessLists = new(StringComparer.Ordinal);

    // A log entry and its encoding: entries keep their geometry only in the encoding, apart from those written before
    // the log kept encodings, which have it in unit_log.geometry and no encoding.
    const string Columns = """
        l.revision, l.code, l.identity, l.county, l.type, l.version, l.retired, l.geometry, l.area, l.content_hash, l.sources, l.access_list,
        l.revised_at, l.trace_parent, m.message
        """;

    const string LogWithEncodings = "unit_log l LEFT JOIN unit_messages m ON m.revision = l.revision";

    /// <summary>A node's scope: <c>national</c>, or a province's two-digit prefix of the county code.</summary>
    const string InScope = "($scope = 'national' OR substr(county, 1, 2) = $scope)";

    public long HeadRevision()
    {
        using var connection = database.Open();
        return Revisions.Head(connection, null);
    }

    /// <summary>
    /// The log in scope after <paramref name="afterRevision"/> through <paramref name="throughRevision"/>, oldest
    /// first, read lazily on one connection: a push batch stops reading when it is full.
    /// </summary>
    public IEnumerable<LoggedUnit> StreamLog(long afterRevision, long throughRevision, string scope) => Stream($"""
        SELECT {Columns} FROM {LogWithEncodings} WHERE l.revision > $after AND l.revision <= $through AND {InScope} ORDER BY l.revision
        """, Map, ("$after", afterRevision), ("$through", throughRevision), ("$scope", scope));

    /// <summary>
    /// <see cref="StreamLog"/> as nodes receive it: what a push batch sends.
    /// </summary>
    public EncodedRows ReadLogEncoded(long afterRevision, long throughRevision, string scope) => ReadEncoded($"""
        SELECT l.revision, l.code, l.trace_parent, m.message FROM {LogWithEncodings}
        WHERE l.revision > $after AND l.revision <= $through AND {InScope} ORDER BY l.revision
        """, ("$after", afterRevision), ("$through", throughRevision), ("$scope", scope));

    /// <summary>
    /// What brings a copy of the current units up to the head, read in one transaction with the head so the two agree:
    /// every unit's current version in code order, retired ones included, when <paramref name="afterRevision"/> is null,
    /// and otherwise the log's entries after it, oldest first. Each goes to <paramref name="read"/> as it is read, its
    /// message a copy, for a reader that keeps them (<c>SnapshotSource</c>).
    /// </summary>
    /// <returns>The head, which the units are as of.</returns>
    public long ReadEncodingsSince(long? afterRevision, Action<EncodedUnit> read)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var head = Revisions.Head(connection, tx);
        using var rows = afterRevision is { } after
            ? Rows(connection, tx, $"""
                SELECT l.revision, l.code, NULL, m.message FROM {LogWithEncodings} WHERE l.revision > $after AND l.revision <= $head ORDER BY l.revision
                """, [("$after", after), ("$head", head)])
            : Rows(connection, tx, CurrentEncodedQuery);
        // All the units in slabs; a few newer ones each in an array of its own, rather than each few in a slab of 1 MiB.
        var slabs = afterRevision is null ? new ByteSlabs() : null;
        while (rows.Read())
        {
            var copy = slabs?.Copy(rows.Message) ?? rows.Message.ToArray();
            read(new(rows.Revision, rows.Code, null, UnsafeByteOperations.UnsafeWrap(copy)));
        }

        return head;
    }

    /// <summary>
    /// Every unit's current version in code order, from the index on code, county and revision alone where through the
    /// code's own index it also looked up each unit's row (a sixth of the hub's reading of them, session 21).
    /// </summary>
    internal const string CurrentEncodedQuery =
        "SELECT u.revision, u.code, NULL AS trace_parent, m.message FROM units u LEFT JOIN unit_messages m ON m.revision = u.revision ORDER BY u.code";

    /// <summary>Rows read on a connection of their own, which they close when disposed of.</summary>
    EncodedRows ReadEncoded(string sql, params (string Name, object? Value)[] parameters)
    {
        var connection = database.Open();
        try
        {
            return Rows(connection, null, sql, parameters, owned: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    static EncodedRows Rows(SqliteConnection connection, SqliteTransaction? tx, string sql, (string Name, object? Value)[]? parameters = null, bool owned = false)
    {
        var statement = new SqliteStatement(connection, sql);
        foreach (var (name, value) in parameters ?? [])
        {
            statement.Bind(name, value);
        }

        // An entry written before the log kept encodings is encoded here.
        return new EncodedRows(statement, revision =>
            UnitMessages.Encode(connection.Query(tx, $"SELECT {Columns} FROM {LogWithEncodings} WHERE l.revision = $r", Map, ("$r", revision)).Single()),
            owned ? connection : null);
    }

    IEnumerable<T> Stream<T>(string sql, Func<SqliteDataReader, T> map, params (string, object?)[] parameters) => database.Stream(sql, map, parameters);

    /// <summary>
    /// The digest of a scope as of a revision: each unit's latest version at or before it, retired ones
    /// included, which is what a node that acknowledged that revision holds.
    /// </summary>
    /// <remarks>
    /// A province's entries are read as a range of the county index: asked every <c>Hub:DigestInterval</c> for every
    /// node, a province's digest by <see cref="InScope"/> read the whole log (10.8 ms for a province of the benchmark's
    /// national store, against 2.9 ms so).
    /// </remarks>
    public (string Digest, long Units) DigestAt(string scope, long revision)
    {
        var (inScope, area) = CountyRange.Of(scope == "national" ? null : scope);
        using var connection = database.Open();
        using var command = connection.Command(null, $"""
            SELECT l.code, l.version, l.retired, l.content_hash FROM unit_log l
            JOIN (SELECT MAX(revision) AS revision FROM unit_log WHERE revision <= $r AND {inScope} GROUP BY code) latest
              ON latest.revision = l.revision
            """, [("$r", revision), .. area]);
        using var reader = command.ExecuteReader();
        var digest = new ScopeDigestBuilder();
        while (reader.Read())
        {
            digest.Add(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2) == 1, reader.GetString(3));
        }

        return (digest.Value, digest.Count);
    }

    /// <summary>When the oldest log entry in scope after <paramref name="afterRevision"/> was written: how far behind a node is in time.</summary>
    public DateTimeOffset? OldestAfter(string scope, long afterRevision)
    {
        using var connection = database.Open();
        var revisedAt = connection.Scalar<string>(null, $"SELECT revised_at FROM unit_log WHERE revision > $after AND {InScope} ORDER BY revision LIMIT 1",
            ("$after", afterRevision), ("$scope", scope));
        return revisedAt is null ? null : DateTimeOffset.Parse(revisedAt, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The units the scope holds now, retired ones left out.</summary>
    public long ActiveCount(string scope)
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, $"SELECT COUNT(*) FROM units WHERE retired = 0 AND {InScope}", ("$scope", scope));
    }

    /// <summary>
    /// The log's name and the revision at or before which superseded versions may have been compacted away:
    /// a node that acknowledged less than the floor cannot be brought up by the log alone.
    /// </summary>
    public (string LogId, long Floor) Identity()
    {
        using var connection = database.Open();
        return connection.Query(null, "SELECT log_id, floor_revision FROM log_identity WHERE id = 1", r => (r.GetString(0), r.GetInt64(1))).Single();
    }

    /// <summary>
    /// The active units' current versions in code order, filtered by province (2 digits), county (6 digits) and type,
    /// and, given a page, the rows it reads after its code.
    /// </summary>
    public IReadOnlyList<LoggedUnit> Active(string? province, string? county, UnitType? type, UnitPage page = default) =>
        [.. StreamActive(province, county, type, page)];

    /// <summary><see cref="Active"/> read lazily, one row at a time on one connection: what listings write out as they read.</summary>
    public IEnumerable<LoggedUnit> StreamActive(string? province, string? county, UnitType? type, UnitPage page = default)
    {
        var (sql, parameters) = ActiveQuery(province, county, type, page);
        return Stream(sql, Map, parameters);
    }

    /// <summary>The statement <see cref="StreamActive"/> runs, and its parameters.</summary>
    internal static (string Sql, (string, object?)[] Parameters) ActiveQuery(string? province, string? county, UnitType? type, UnitPage page)
    {
        var (where, parameters) = UnitListingFilter.Of("u", province, county, (int?)type, page.After);
        return ($"""
            SELECT {Columns} FROM units u JOIN unit_log l ON l.revision = u.revision LEFT JOIN unit_messages m ON m.revision = l.revision
            WHERE {where} ORDER BY u.code LIMIT $n
            """, [.. parameters, ("$n", page.RowsToRead)]);
    }

    /// <summary>
    /// One unit's current version, retired or not, from its row in <c>units</c>: one version read, however long the
    /// unit's history (reading the history for its last entry read every superseded version's geometry).
    /// </summary>
    public LoggedUnit? Current(string code)
    {
        using var connection = database.Open();
        return connection.Query(null, $"""
            SELECT {Columns} FROM units u JOIN unit_log l ON l.revision = u.revision LEFT JOIN unit_messages m ON m.revision = l.revision
            WHERE u.code = $c
            """, Map, ("$c", code)).SingleOrDefault();
    }

    /// <summary>Whether a unit has this code; a code, once given, keeps its row in <c>units</c> for good.</summary>
    public bool Holds(string code)
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT EXISTS (SELECT 1 FROM units WHERE code = $c)", ("$c", code)) == 1;
    }

    /// <summary>Every version of one unit, oldest first.</summary>
    public IReadOnlyList<LoggedUnit> History(string code) => [.. StreamHistory(code)];

    /// <summary><see cref="History"/> read lazily, as a listing writes it out: a long-edited unit is megabytes of versions.</summary>
    public IEnumerable<LoggedUnit> StreamHistory(string code) =>
        Stream($"SELECT {Columns} FROM {LogWithEncodings} WHERE l.code = $c ORDER BY l.revision", Map, ("$c", code));

    static LoggedUnit Map(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (UnitType)r.GetInt32(4), r.GetInt32(5), r.GetInt32(6) == 1,
        GeometryOf(r), r.GetDouble(8), r.GetString(9),
        JsonSerializer.Deserialize<List<string>>(r.GetString(10), Json) ?? [],
        AccessLists.GetOrAdd(r.GetString(11), json => JsonSerializer.Deserialize<List<AccessRule>>(json, Json) ?? []),
        DateTimeOffset.Parse(r.GetString(12), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(13) ? null : r.GetString(13));

    /// <summary>
    /// An entry's geometry: from its encoding, or from unit_log for entries written before the log kept encodings.
    /// An active unit always has one, so an entry with neither is a damaged store, and reading it fails rather than
    /// handing nodes and users a unit without its geometry (which its content hash, and so the digests, would not show).
    /// </summary>
    static byte[]? GeometryOf(SqliteDataReader r)
    {
        var geometry = !r.IsDBNull(7) ? (byte[])r[7] : r.IsDBNull(14) ? null : UnitMessages.GeometryOf((byte[])r[14]);
        if (geometry is null && r.GetInt32(6) == 0)
        {
            throw new InvalidDataException($"Unit log entry r{r.GetInt64(0)} ({r.GetString(1)}) has no geometry: its encoding is missing from "
                + "the hub's store (table unit_messages). The store is damaged; restore it from a backup.");
        }

        return geometry;
    }
}
