using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>The statement the node writes its units with runs inside the connection's transaction and fails the way Microsoft.Data.Sqlite does.</summary>
public sealed class When_a_prepared_statement_writes_rows : IDisposable
{
    readonly TemporaryDirectory _data = new("zoninghub-statement-");
    readonly SqliteFile _file;

    public When_a_prepared_statement_writes_rows()
    {
        _file = new SqliteFile(Path.Combine(_data.Path, "s.db"));
        using var connection = _file.Open();
        connection.Execute(null, "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL, x REAL NOT NULL, b BLOB NOT NULL)");
    }

    [Fact]
    public void Should_bind_each_type_count_changes_and_roll_back_with_its_transaction()
    {
        var (connection, tx) = _file.BeginWrite();
        using (connection)
        using (tx)
        using (var statement = new SqliteStatement(connection, "INSERT INTO t VALUES (?1, ?2, ?3, ?4) ON CONFLICT (k) DO UPDATE SET n = ?2 WHERE excluded.n > t.n"))
        {
            Assert.Equal(1, statement.Bind(1, "a").Bind(2, 5).Bind(3, 2.5).Bind(4, new byte[] { 1, 2, 3 }).Execute());
            Assert.Equal(0, statement.Bind(1, "a").Bind(2, 4).Bind(3, 0.0).Bind(4, new byte[] { 9 }).Execute());
            tx.Commit();
        }

        using var reader = _file.Open();
        var row = reader.Query(null, "SELECT k, n, x, b FROM t", r => (r.GetString(0), r.GetInt64(1), r.GetDouble(2), (byte[])r[3])).Single();
        Assert.Equal(("a", 5L, 2.5), (row.Item1, row.Item2, row.Item3));
        Assert.Equal([1, 2, 3], row.Item4);

        var (rolledBack, rollback) = _file.BeginWrite();
        using (rolledBack)
        using (rollback)
        using (var statement = new SqliteStatement(rolledBack, "INSERT INTO t VALUES (?1, 1, 1.0, x'00')"))
        {
            statement.Bind(1, "b").Execute();
        }

        Assert.Equal(1, reader.Scalar<long>(null, "SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Should_throw_sqlites_own_error_and_stay_usable()
    {
        using var connection = _file.Open();
        using var statement = new SqliteStatement(connection, "INSERT INTO t VALUES (?1, ?2, 1.0, x'00')");
        statement.Bind(1, "a").Bind(2, 1).Execute();

        var failure = Assert.Throws<SqliteException>(() => statement.Bind(1, "a").Bind(2, 2).Execute());
        Assert.Equal(19, failure.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE constraint failed: t.k", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, statement.Bind(1, "b").Bind(2, 2).Execute());
        Assert.Throws<SqliteException>(() => new SqliteStatement(connection, "INSERT INTO missing VALUES (1)"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
