using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The statement the stores write and read their units with runs inside the connection's transaction, fails the way
/// Microsoft.Data.Sqlite does, and reads each column as SQLite holds it (through SQLite's own library, SqliteStatement.Native).
/// </summary>
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

    [Fact]
    public void Should_read_each_column_as_sqlite_holds_it_and_refuse_to_once_disposed()
    {
        using var connection = _file.Open();
        connection.Execute(null, """
            CREATE TABLE r (i INTEGER PRIMARY KEY, t TEXT, b BLOB);
            INSERT INTO r VALUES (9007199254740993, '西湖 ZH33010610001', x'00ff10'), (2, NULL, x''), (3, '', NULL);
            """);
        var statement = new SqliteStatement(connection, "SELECT i, t, b FROM r ORDER BY i");
        var rows = new List<(long, string?, string?)>();
        while (statement.Read())
        {
            rows.Add((statement.GetInt64(0), statement.GetText(1), statement.IsNull(2) ? null : Convert.ToHexString(statement.GetBlob(2))));
        }

        statement.Dispose();

        Assert.Equal([(2L, null, ""), (3L, "", null), (9007199254740993L, "西湖 ZH33010610001", "00FF10")], rows);
        // Read with the statement's own pointer: once it is finalised, that would be freed memory.
        Assert.Throws<ObjectDisposedException>(() => statement.Read());
        Assert.Throws<ObjectDisposedException>(() => statement.GetInt64(0));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
