using Microsoft.Data.Sqlite;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// One SQLite file as every ZoningHub store uses it: write-ahead log, full sync (a commit survives a power cut,
/// which is what the acknowledgements promise), and a long busy timeout so writers queue instead of failing.
/// Disposed (with its service's host), it closes the connections it pooled, and with them the file.
/// </summary>
public sealed class SqliteFile : IDisposable
{
    readonly string _connectionString;
    readonly string _existingString;
    readonly string _pragmas;
    readonly Action<SqliteConnection, bool>? _initialise;
    readonly Lock _initialising = new();
    bool _initialised;
    readonly BackgroundSync _backgroundSync = new(SyncWriteAheadLog);

    /// <param name="initialise">
    /// Creates the store's tables: on the first open, and again, with <c>true</c>, if the file was removed while the
    /// process ran. Pooled connections would otherwise keep writing into the removed file, and every commit they
    /// acknowledged would be gone at the next start.
    /// </param>
    /// <param name="memoryMapBytes">
    /// How much of the file SQLite reads through a memory map instead of a read call per page: a snapshot reading tens
    /// of megabytes spent half its reading in those calls. A read error then stops the process instead of failing the
    /// read, which is why stores that are read whole, and only those, use it.
    /// </param>
    public SqliteFile(string path, Action<SqliteConnection, bool>? initialise = null, long memoryMapBytes = 0)
    {
        _initialise = initialise;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        // A store with tables to make is only made by Initialise: an open that found the file, and opened it just after it
        // was removed, would make an empty one that others then took for the store.
        _existingString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
        _pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;"
            + (memoryMapBytes > 0 ? $" PRAGMA mmap_size={memoryMapBytes};" : "");
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        // The file is looked for before the flag is read: a store made again sets the flag before it makes the file,
        // so an open that finds the new file before its tables are made waits for them rather than failing on them.
        if (_initialise is null)
        {
            return OpenConnection(_connectionString);
        }

        if (!_initialised || !File.Exists(Path) || Volatile.Read(ref _making))
        {
            Initialise();
        }

        try
        {
            return OpenConnection(_existingString);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CANTOPEN)
        {
            // Removed between the look and the open: made again, as if it had been gone at the look.
            Initialise();
            return OpenConnection(_existingString);
        }
    }

    bool _making;

    void Initialise()
    {
        lock (_initialising)
        {
            var removed = _initialised && !File.Exists(Path);
            if (_initialised && !removed)
            {
                return;
            }

            if (removed)
            {
                Dispose();
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            }

            Volatile.Write(ref _making, true);
            try
            {
                using var connection = OpenConnection(_connectionString);
                _initialise!(connection, removed);
                _initialised = true;
            }
            finally
            {
                Volatile.Write(ref _making, false);
            }
        }
    }

    SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.Execute(null, _pragmas);
        return connection;
    }

    /// <summary>
    /// Closes the pooled connections, and those in use as they are given back. Pooled, they kept the file, its log and
    /// their page caches open for the life of the process after their store's host stopped: a process that hosts a
    /// node again (a test, the benchmark's replaced node) held three descriptors and their memory for every one before.
    /// A later <see cref="Open"/> still opens the file.
    /// </summary>
    public void Dispose()
    {
        foreach (var pool in new[] { _connectionString, _existingString })
        {
            using var pooled = new SqliteConnection(pool);
            SqliteConnection.ClearPool(pooled);
        }
    }

    /// <summary>Opens a connection with a write transaction taken at once, so concurrent writers queue instead of deadlocking.</summary>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginWrite()
    {
        var connection = Open();
        return (connection, connection.BeginTransaction(deferred: false));
    }

    /// <summary>
    /// <see cref="BeginWrite"/> for work that is redone when it is lost, such as a chunk of a snapshot being staged:
    /// the commit is not synced to disk, so a power cut may undo it (whole, and only after every earlier synced
    /// commit), and the next synced commit makes it durable. Saves a sync per commit.
    /// </summary>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginUnsyncedWrite()
    {
        var connection = Open();
        // Per connection, and set back to FULL by the next Open of this pooled connection.
        connection.Execute(null, "PRAGMA synchronous=NORMAL");
        return (connection, connection.BeginTransaction(deferred: false));
    }

    /// <summary>
    /// Writes the unsynced commits (<see cref="BeginUnsyncedWrite"/>) to disk in the background, after a sync under way
    /// (see <see cref="Storage.BackgroundSync"/>). The next synced commit has to wait for every unsynced one before it: synced as they come,
    /// a snapshot's chunks are not all left for its completion, whose sync took 45 ms of the benchmark's 25 MB snapshot
    /// (synced ahead, 0–10 ms) and grows with the snapshot, inside the hub's deadline for that one call.
    /// </summary>
    public void SyncInBackground() => _backgroundSync.Request(Path + "-wal");

    static void SyncWriteAheadLog(string log)
    {
        try
        {
            // SQLite keeps no locks on its write-ahead log (they are on the -shm file), so a handle of our own to it,
            // opened and closed here, cannot release one.
            using var file = File.OpenHandle(log, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone (checkpointed and removed) or not ours to open: the next synced commit syncs whatever is left.
        }
    }
}
