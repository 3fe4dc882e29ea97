using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ZoningHub.Hub.Store;

/// <summary>
/// The hub's SQLite file. Every write stage runs in one <c>BEGIN IMMEDIATE</c> transaction, so SQLite's
/// single writer also orders revisions: no reader sees revision n+1 before n is committed (DESIGN §6).
/// </summary>
public sealed class HubDatabase
{
    readonly string _connectionString;

    public HubDatabase(IOptions<HubOptions> options)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "hub.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        HubSchema.Apply(connection);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Opens a connection with a write transaction taken at once, so concurrent writers queue instead of deadlocking.</summary>
    public (SqliteConnection Connection, SqliteTransaction Transaction) BeginWrite()
    {
        var connection = Open();
        var transaction = connection.BeginTransaction(deferred: false);
        return (connection, transaction);
    }
}
