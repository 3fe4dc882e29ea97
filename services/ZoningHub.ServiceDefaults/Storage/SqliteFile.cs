using Microsoft.Data.Sqlite;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// One SQLite file as every ZoningHub store uses it: write-ahead log, full sync (a commit survives a power cut,
/// which is what the acknowledgements promise), and a long busy timeout so writers queue instead of failing.
/// </summary>
public sealed class SqliteFile
{
    readonly string _connectionString;

    public SqliteFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>Opens a connection with a write transaction taken at once, so concurrent writers queue instead of deadlocking.</summary>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginWrite()
    {
        var connection = Open();
        return (connection, connection.BeginTransaction(deferred: false));
    }
}
