using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>
/// The adapter's durable state: what it last published per layer, the exports it has processed, and an
/// outbox of numbered change sets. An export's change sets and the new published state commit together,
/// so a crash or a broker outage never loses or renumbers a change.
/// </summary>
public sealed class AdapterStore
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly string _connectionString;

    public AdapterStore(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetFullPath(stateDirectory), "adapter.db") }.ToString();
        using var connection = Open();
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS published (layer TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (layer, id));
            CREATE TABLE IF NOT EXISTS exports (hash TEXT PRIMARY KEY, path TEXT NOT NULL, processed_at TEXT NOT NULL, change_sets INTEGER NOT NULL, error TEXT);
            CREATE TABLE IF NOT EXISTS outbox (sequence INTEGER PRIMARY KEY, layer TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, published_at TEXT);
            """);
    }

    public bool IsProcessed(string exportHash)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT 1 FROM exports WHERE hash = $h", ("$h", exportHash));
        return command.ExecuteScalar() is not null;
    }

    public IReadOnlyDictionary<string, string> Published(string layer)
    {
        using var connection = Open();
        using var command = Command(connection, null, "SELECT id, hash FROM published WHERE layer = $l", ("$l", layer));
        using var reader = command.ExecuteReader();
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            published[reader.GetString(0)] = reader.GetString(1);
        }

        return published;
    }

    /// <summary>Numbers the change sets, puts them in the outbox and records the new published state, in one transaction.</summary>
    public IReadOnlyList<ChangeSetPublished> RecordExport(string exportHash, string path, string layer, ExportDiff diff,
        Func<long, IReadOnlyList<ChangeSetPublished>> numberFrom)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction(deferred: false);
        var next = (long)(Command(connection, tx, "SELECT COALESCE(MAX(sequence), 0) + 1 FROM outbox").ExecuteScalar() ?? 1L);
        var changeSets = numberFrom(next);
        foreach (var changeSet in changeSets)
        {
            Execute(connection, tx, "INSERT INTO outbox (sequence, layer, body, created_at) VALUES ($q, $l, $b, $t)",
                ("$q", changeSet.Sequence), ("$l", layer), ("$b", JsonSerializer.Serialize(changeSet, Json)), ("$t", Now()));
        }

        foreach (var feature in diff.Upserts)
        {
            Execute(connection, tx, "INSERT INTO published (layer, id, hash) VALUES ($l, $i, $h) ON CONFLICT (layer, id) DO UPDATE SET hash = $h",
                ("$l", layer), ("$i", feature.Id), ("$h", feature.Hash));
        }

        foreach (var id in diff.Deletes)
        {
            Execute(connection, tx, "DELETE FROM published WHERE layer = $l AND id = $i", ("$l", layer), ("$i", id));
        }

        RecordProcessed(connection, tx, exportHash, path, changeSets.Count, null);
        tx.Commit();
        return changeSets;
    }

    /// <summary>Remembers a refused export so it is reported once, not on every poll.</summary>
    public void RecordFailedExport(string exportHash, string path, string error)
    {
        using var connection = Open();
        RecordProcessed(connection, null, exportHash, path, 0, error);
    }

    /// <summary>The oldest change sets not yet confirmed by the broker, in sequence order.</summary>
    public IReadOnlyList<ChangeSetPublished> Unpublished(int limit) => Read("WHERE published_at IS NULL ORDER BY sequence LIMIT $n", ("$n", limit));

    public IReadOnlyList<ChangeSetPublished> Range(long from, long to) =>
        Read("WHERE sequence >= $from AND sequence <= $to ORDER BY sequence", ("$from", from), ("$to", to));

    public void MarkPublished(long sequence)
    {
        using var connection = Open();
        Execute(connection, null, "UPDATE outbox SET published_at = $t WHERE sequence = $q", ("$q", sequence), ("$t", Now()));
    }

    /// <summary>
    /// Queues the newest change set to be sent again. A transport that keeps nothing across a restart (the
    /// embedded run's in-memory bus) can lose the tail of a stream, and only a later change set would reveal
    /// that gap; resending the newest one, a duplicate at worst, lets the hub see the gap and ask for the rest.
    /// </summary>
    public void RequeueNewest()
    {
        using var connection = Open();
        Execute(connection, null, "UPDATE outbox SET published_at = NULL WHERE sequence = (SELECT MAX(sequence) FROM outbox)");
    }

    public (long LastSequence, long Depth) OutboxPosition()
    {
        using var connection = Open();
        using var command = Command(connection, null,
            "SELECT COALESCE(MAX(sequence), 0), (SELECT COUNT(*) FROM outbox WHERE published_at IS NULL) FROM outbox");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    List<ChangeSetPublished> Read(string where, params (string, object)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, null, $"SELECT body FROM outbox {where}", parameters);
        using var reader = command.ExecuteReader();
        var changeSets = new List<ChangeSetPublished>();
        while (reader.Read())
        {
            changeSets.Add(JsonSerializer.Deserialize<ChangeSetPublished>(reader.GetString(0), Json)!);
        }

        return changeSets;
    }

    static void RecordProcessed(SqliteConnection connection, SqliteTransaction? tx, string hash, string path, int changeSets, string? error) =>
        Execute(connection, tx, "INSERT OR REPLACE INTO exports (hash, path, processed_at, change_sets, error) VALUES ($h, $p, $t, $c, $e)",
            ("$h", hash), ("$p", path), ("$t", Now()), ("$c", changeSets), ("$e", (object?)error ?? DBNull.Value));

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        command.ExecuteNonQuery();
    }

    static string Now() => DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
