using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Store;

/// <summary>
/// The node's own SQLite store: its base (the last snapshot, in the chunks it came in, their bytes in a file beside
/// it), the units pushed since (a row each), the log and revision it acknowledged, and a snapshot being received.
/// </summary>
public sealed class NodeDatabase : IDisposable
{
    // A unit pushed since the base is a row: as pushed, it is `body` (its protobuf, geometry included); the other
    // columns are what queries filter on. `geometry` is no longer written (it doubled the store), and stays for stores
    // created before.
    const string UnitColumns = """
        code TEXT PRIMARY KEY, revision INTEGER NOT NULL, county TEXT NOT NULL, type INTEGER NOT NULL,
        version INTEGER NOT NULL, retired INTEGER NOT NULL, geometry BLOB, area REAL NOT NULL,
        content_hash TEXT NOT NULL, body BLOB NOT NULL
        """;

    readonly SqliteFile _file;
    readonly ILogger<NodeDatabase>? _logger;

    public NodeDatabase(IOptions<NodeOptions> options, ILogger<NodeDatabase>? logger = null)
    {
        _logger = logger;
        // SQLite's own 4 KiB pages. The store once kept snapshots' units in its rows and took 64 KiB pages for them; they
        // are in chunk files now, and each chunk's commit wrote three 64 KiB pages to the write-ahead log for a row and a
        // counter: 5.05 MB per benchmark snapshot, measured in session 20. A store created with 64 KiB pages keeps them.
        Chunks = new ChunkFiles(System.IO.Path.Combine(options.Value.DataDirectory, options.Value.Id, "chunks"));
        _file = new SqliteFile(System.IO.Path.Combine(options.Value.DataDirectory, options.Value.Id, "node.db"),
            initialise: (connection, removed) =>
            {
                if (removed)
                {
                    logger?.LogError("The node's store {Path} was removed while the node ran: it starts over empty, and the hub sends a snapshot", Path);
                    // The new store numbers its bases from the start again.
                    Volatile.Write(ref _base, BaseUnits.None);
                }

                Initialise(connection, options.Value.Scope, logger);
                // Files a snapshot dropped, a base replaced or a removed store left: only the base's and the staged snapshot's are kept.
                var (snapshotId, number) = connection.Query(null, "SELECT snapshot_id, number FROM node_base WHERE id = 1", r => (r.GetString(0), r.GetInt64(1))).Single();
                var staged = connection.Query(null, "SELECT snapshot_id FROM snapshot WHERE id = 1", r => r.GetString(0));
                Chunks.RemoveAllBut([Chunks.PathOf(number, snapshotId), .. staged.Select(id => Chunks.PathOf(number + 1, id))]);
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
            CREATE TABLE IF NOT EXISTS base_chunks ({ChunkColumns});
            CREATE TABLE IF NOT EXISTS node_base (id INTEGER PRIMARY KEY CHECK (id = 1), snapshot_id TEXT NOT NULL, number INTEGER NOT NULL);
            INSERT OR IGNORE INTO node_base (id, snapshot_id, number) VALUES (1, '', 0);
            CREATE TABLE IF NOT EXISTS snapshot (
                id INTEGER PRIMARY KEY CHECK (id = 1), snapshot_id TEXT NOT NULL, log_id TEXT NOT NULL, as_of_revision INTEGER NOT NULL,
                last_code TEXT NOT NULL, units_received INTEGER NOT NULL, started_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS snapshots_taken (
                snapshot_id TEXT PRIMARY KEY, log_id TEXT NOT NULL, as_of_revision INTEGER NOT NULL, units INTEGER NOT NULL,
                started_at TEXT NOT NULL, completed_at TEXT NOT NULL);
            """);
        DropUnitStaging(connection, logger);
        CreateStaging(connection, null);
        foreach (var table in new[] { "base_chunks", "snapshot_chunks" })
        {
            connection.AddColumnIfMissing(table, "file_offset", "INTEGER");
            connection.AddColumnIfMissing(table, "file_length", "INTEGER");
        }

        CreateCountyIndex(connection);
        KeepToScope(connection, scope, logger);
    }

    /// <summary>
    /// Stores from before bases staged a snapshot in a table of units, which their units table took the place of at
    /// completion. A snapshot half taken that way is dropped, and the hub sends it again, in chunks.
    /// </summary>
    static void DropUnitStaging(SqliteConnection connection, ILogger? logger)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        if (connection.Scalar<long>(tx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'snapshot_units'") > 0)
        {
            if (connection.Scalar<long>(tx, "SELECT COUNT(*) FROM snapshot") > 0)
            {
                logger?.LogWarning("The snapshot this node was taking was staged the way of an earlier version: it is dropped, and the hub sends it again");
            }

            connection.Execute(tx, "DROP TABLE snapshot_units; DELETE FROM snapshot");
        }

        tx.Commit();
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
                DELETE FROM units; DELETE FROM base_chunks; DELETE FROM snapshot_chunks; DELETE FROM snapshot;
                UPDATE node_base SET snapshot_id = '', number = number + 1 WHERE id = 1;
                UPDATE node_state SET acknowledged_revision = 0 WHERE id = 1; UPDATE node_log SET log_id = '' WHERE id = 1;
                """);
        }

        connection.Execute(tx, "INSERT OR REPLACE INTO node_scope (id, scope) VALUES (1, $s)", ("$s", scope));
        tx.Commit();
    }

    /// <summary>The table a snapshot's chunks are staged in, which becomes the base's at completion.</summary>
    public static void CreateStaging(SqliteConnection connection, SqliteTransaction? tx) =>
        connection.Execute(tx, $"CREATE TABLE IF NOT EXISTS snapshot_chunks ({ChunkColumns})");

    // A chunk's bytes are in its base's file, at file_offset (file_length of them); a store from before chunk files
    // keeps them in units (empty otherwise) until its next snapshot.
    const string ChunkColumns = "chunk INTEGER PRIMARY KEY, units BLOB NOT NULL, file_offset INTEGER, file_length INTEGER";

    /// <summary>
    /// The county index of the units pushed since the base. Stores from before bases renamed a staging table to
    /// units at each snapshot, with its index, so theirs may have either name; SQLite cannot rename an index.
    /// </summary>
    static void CreateCountyIndex(SqliteConnection connection)
    {
        var indexes = connection.Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'units' AND name IN ($a, $b)",
            ("$a", CountyIndexes[0]), ("$b", CountyIndexes[1]));
        if (indexes == 0)
        {
            connection.Execute(null, $"CREATE INDEX IF NOT EXISTS {CountyIndexes[0]} ON units (county)");
        }
    }

    static readonly string[] CountyIndexes = ["units_county", "units_county_b"];

    public string Path => _file.Path;

    /// <summary>Where the base's chunks, and a snapshot's being taken, keep their bytes.</summary>
    public ChunkFiles Chunks { get; }

    /// <summary>
    /// The base the connection's transaction sees, its index kept in memory while it is the same snapshot's (read
    /// again after a start, if the store was replaced underneath, or when <paramref name="fromDisk"/>).
    /// </summary>
    /// <param name="fromDisk">Read from the stored chunks even if kept, as a digest check does to find what a faulty disk changed.</param>
    public BaseUnits Base(SqliteConnection connection, SqliteTransaction tx, bool fromDisk = false)
    {
        var (snapshotId, number) = connection.Query(tx, "SELECT snapshot_id, number FROM node_base WHERE id = 1", r => (r.GetString(0), r.GetInt64(1))).Single();
        BaseUnits? Kept() => Volatile.Read(ref _base) is var kept && kept.Number == number && kept.SnapshotId == snapshotId && !fromDisk ? kept : null;
        if (Kept() is { } kept)
        {
            return kept;
        }

        // After a start every reader finds no index, and each read the whole base (25 MB nationally) at once: one
        // reads it, and those waiting take its index.
        lock (_reading)
        {
            if (Kept() is { } readMeanwhile)
            {
                return readMeanwhile;
            }

            Interlocked.Increment(ref _baseReads);
            var read = snapshotId.Length == 0 ? new BaseUnits("", number, []) : BaseUnits.Read(connection, "base_chunks", snapshotId, number, Chunks);
            if (read.DamagedChunks.Count > 0)
            {
                _logger?.LogError("Chunks {Chunks} of the node's base (snapshot {SnapshotId}) are damaged: their units from the damage on are not "
                    + "served, and the node's digest differs from the hub's, which sends a snapshot", string.Join(", ", read.DamagedChunks), snapshotId);
            }

            Keep(read);
            return read;
        }
    }

    readonly Lock _reading = new();
    int _baseReads;

    /// <summary>How many times a base's index was read from the store since this store was opened (for specs).</summary>
    internal int BaseReads => Volatile.Read(ref _baseReads);

    /// <summary>
    /// Keeps the index of a base for the readers after: a base just made (a completed snapshot), or one read, unless
    /// a newer one is kept already (a reader whose transaction began before a completion reads the base it sees).
    /// </summary>
    public void Keep(BaseUnits units)
    {
        for (var kept = Volatile.Read(ref _base); units.Number >= kept.Number;)
        {
            var seen = Interlocked.CompareExchange(ref _base, units, kept);
            if (seen == kept)
            {
                return;
            }

            kept = seen;
        }
    }

    BaseUnits _base = BaseUnits.None;

    public SqliteConnection Open() => _file.Open();

    /// <inheritdoc cref="SqliteFile.Dispose"/>
    public void Dispose() => _file.Dispose();

    /// <inheritdoc cref="SqliteFile.BeginWrite"/>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginWrite() => _file.BeginWrite();

    /// <inheritdoc cref="SqliteFile.BeginUnsyncedWrite"/>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginUnsyncedWrite() => _file.BeginUnsyncedWrite();

    /// <inheritdoc cref="SqliteFile.SyncInBackground"/>
    public void SyncInBackground() => _file.SyncInBackground();
}
