using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ZoningHub.Node.Store;

/// <summary>The node's own SQLite store: its units, the log and revision it acknowledged, and a snapshot being received.</summary>
public sealed class NodeDatabase
{
    // The unit as pushed is `body` (its protobuf, geometry included); the other columns are what queries filter
    // on. `geometry` is no longer written (it doubled the store), and stays for stores created before.
    const string UnitColumns = """
        code TEXT PRIMARY KEY, revision INTEGER NOT NULL, county TEXT NOT NULL, type INTEGER NOT NULL,
        version INTEGER NOT NULL, retired INTEGER NOT NULL, geometry BLOB, area REAL NOT NULL,
        content_hash TEXT NOT NULL, body BLOB NOT NULL
        """;

    readonly SqliteFile _file;

    public NodeDatabase(IOptions<NodeOptions> options, ILogger<NodeDatabase>? logger = null)
    {
        // Units are kept whole, from a kilobyte to several megabytes each: 64 KiB pages hold a snapshot's units in a
        // sixteenth of the pages (and write-ahead log frames) of the default 4 KiB. A store created before keeps 4 KiB.
        _file = new SqliteFile(System.IO.Path.Combine(options.Value.DataDirectory, options.Value.Id, "node.db"), pageSize: 64 * 1024,
            initialise: (connection, removed) =>
            {
                if (removed)
                {
                    logger?.LogError("The node's store {Path} was removed while the node ran: it starts over empty, and the hub sends a snapshot", Path);
                }

                Initialise(connection, options.Value.Scope, logger);
            });
        using var _ = Open();
    }

    static void Initialise(SqliteConnection connection, string scope, ILogger? logger)
    {
        connection.Execute(null, $"""
            CREATE TABLE IF NOT EXISTS node_state (id INTEGER PRIMARY KEY CHECK (id = 1), acknowledged_revision INTEGER NOT NULL);
            INSERT OR IGNORE INTO node_state (id, acknowledged_revision) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS node_log (id INTEGER PRIMARY KEY CHECK (id = 1), log_id TEXT NOT NULL);
            INSERT OR IGNORE INTO node_log (id, log_id) VALUES (1, '');
            CREATE TABLE IF NOT EXISTS units ({UnitColumns});
            CREATE TABLE IF NOT EXISTS snapshot (
                id INTEGER PRIMARY KEY CHECK (id = 1), snapshot_id TEXT NOT NULL, log_id TEXT NOT NULL, as_of_revision INTEGER NOT NULL,
                last_code TEXT NOT NULL, units_received INTEGER NOT NULL, started_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS snapshots_taken (
                snapshot_id TEXT PRIMARY KEY, log_id TEXT NOT NULL, as_of_revision INTEGER NOT NULL, units INTEGER NOT NULL,
                started_at TEXT NOT NULL, completed_at TEXT NOT NULL);
            """);
        CreateStagingAndIndexes(connection, null);
        KeepToScope(connection, scope, logger);
    }

    /// <summary>
    /// A store kept under another scope (a node whose configuration was corrected from 33 to 34, say) holds the other
    /// scope's units, which the node would serve as its own until a digest check noticed: it starts over empty, with
    /// no log, so the hub sends it a snapshot of the scope it has now.
    /// </summary>
    static void KeepToScope(SqliteConnection connection, string scope, ILogger? logger)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        connection.Execute(tx, "CREATE TABLE IF NOT EXISTS node_scope (id INTEGER PRIMARY KEY CHECK (id = 1), scope TEXT NOT NULL)");
        var kept = connection.Scalar<string>(tx, "SELECT scope FROM node_scope WHERE id = 1");
        if (kept is not null && kept != scope)
        {
            logger?.LogWarning("The node's store holds scope '{Kept}', not '{Scope}': its units are dropped, and the hub sends a snapshot of '{Scope}'",
                kept, scope, scope);
            connection.Execute(tx, """
                DELETE FROM units; DELETE FROM snapshot_units; DELETE FROM snapshot;
                UPDATE node_state SET acknowledged_revision = 0 WHERE id = 1; UPDATE node_log SET log_id = '' WHERE id = 1;
                """);
        }

        connection.Execute(tx, "INSERT OR REPLACE INTO node_scope (id, scope) VALUES (1, $s)", ("$s", scope));
        tx.Commit();
    }

    /// <summary>
    /// The snapshot staging table, and a county index on it and on units. The staging table's index is built as its
    /// chunks arrive (in code order, so county order: each entry is appended), not at completion, which renames the
    /// staging table to units with its index: building it there took 30–40 ms of every snapshot's completion. SQLite
    /// cannot rename an index, so the two tables' indexes take turns with two names.
    /// No index on <c>retired</c>, though the hub's state poll counts the active units every 2 s: keeping it costs
    /// every snapshot's staging, and the count reads pages that are in memory.
    /// </summary>
    public static void CreateStagingAndIndexes(SqliteConnection connection, SqliteTransaction? tx)
    {
        connection.Execute(tx, $"CREATE TABLE IF NOT EXISTS snapshot_units ({UnitColumns})");
        foreach (var table in new[] { "units", "snapshot_units" })
        {
            var indexes = connection.Query(tx, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name IN ($a, $b)",
                r => (Name: r.GetString(0), Table: r.GetString(1)), ("$a", CountyIndexes[0]), ("$b", CountyIndexes[1]));
            if (indexes.All(i => i.Table != table))
            {
                var free = CountyIndexes.First(name => indexes.All(i => i.Name != name));
                connection.Execute(tx, $"CREATE INDEX {free} ON {table} (county)");
            }
        }
    }

    static readonly string[] CountyIndexes = ["units_county", "units_county_b"];

    public string Path => _file.Path;

    public SqliteConnection Open() => _file.Open();

    /// <inheritdoc cref="SqliteFile.BeginWrite"/>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginWrite() => _file.BeginWrite();

    /// <inheritdoc cref="SqliteFile.BeginUnsyncedWrite"/>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginUnsyncedWrite() => _file.BeginUnsyncedWrite();

    /// <inheritdoc cref="SqliteFile.SyncInBackground"/>
    public void SyncInBackground() => _file.SyncInBackground();
}
