using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ZoningHub.Node.Store;

/// <summary>The node's own SQLite store: its units and the revision it acknowledged.</summary>
public sealed class NodeDatabase
{
    readonly string _connectionString;

    public NodeDatabase(IOptions<NodeOptions> options)
    {
        var directory = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, options.Value.Id));
        Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "node.db"), Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS node_state (id INTEGER PRIMARY KEY CHECK (id = 1), acknowledged_revision INTEGER NOT NULL);
            INSERT OR IGNORE INTO node_state (id, acknowledged_revision) VALUES (1, 0);
            CREATE TABLE IF NOT EXISTS units (
                code TEXT PRIMARY KEY, revision INTEGER NOT NULL, county TEXT NOT NULL, type INTEGER NOT NULL,
                version INTEGER NOT NULL, retired INTEGER NOT NULL, geometry BLOB, area REAL NOT NULL,
                content_hash TEXT NOT NULL, body BLOB NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
