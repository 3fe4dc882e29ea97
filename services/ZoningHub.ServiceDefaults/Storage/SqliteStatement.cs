using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// A statement prepared once and run many times through SQLite's own interface, for the loops that write thousands
/// of rows (a snapshot's units): each <c>ExecuteNonQuery</c> of Microsoft.Data.Sqlite opens a data reader and binds
/// boxed parameters, which cost twice SQLite's own work per row (measured on a snapshot chunk). It runs on its
/// connection, inside whatever transaction the connection has open. Parameters are numbered from 1 (<c>?1</c>).
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    readonly sqlite3 _db;
    readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    public SqliteStatement Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public SqliteStatement Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public SqliteStatement Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Binds a blob without copying it first: SQLite copies it while binding.</summary>
    public SqliteStatement Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to its end and readies it for the next bindings.</summary>
    /// <returns>The rows it inserted, updated or deleted.</returns>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                // Read before the reset, which would clear the message.
                SqliteException.ThrowExceptionForRC(result, _db);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    SqliteStatement Check(int result)
    {
        SqliteException.ThrowExceptionForRC(result, _db);
        return this;
    }
}
