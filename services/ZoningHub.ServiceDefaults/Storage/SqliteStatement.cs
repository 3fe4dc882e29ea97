using Microsoft.Data.Sqlite;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace ZoningHub.ServiceDefaults.Storage;

/// <summary>
/// A statement prepared once and run through SQLite's own interface, for the loops over thousands of rows (a
/// snapshot's units):
/// - writing, each <c>ExecuteNonQuery</c> of Microsoft.Data.Sqlite opens a data reader and binds boxed parameters,
///   which cost twice SQLite's own work per row (measured on a snapshot chunk);
/// - reading, its data reader copies every blob into an array of its own, and reading a snapshot's 25 MB that way
///   took 2–5 times SQLite's own stepping (measured on the hub's snapshot query), where <see cref="GetBlob"/> is SQLite's
///   own bytes, for the caller to copy where it wants them.
/// It runs on its connection, inside whatever transaction the connection has open. Parameters are numbered from 1
/// (<c>?1</c>) or named; columns are numbered from 0.
/// </summary>
/// <remarks>
/// Stepping and reading columns call SQLite's library directly (<see cref="Native"/>) with the statement's pointer,
/// which this object owns until it is disposed: through SQLitePCLRaw each call also counted a reference on the
/// statement's handle and went through its provider's interface, a fifth of the hub's reading of a snapshot
/// (19 ms against 15.4, session 21). Binding and preparing, once per statement, still go through SQLitePCLRaw.
/// </remarks>
public sealed partial class SqliteStatement : IDisposable
{
    readonly sqlite3 _db;
    readonly sqlite3_stmt _statement;
    readonly IntPtr _pointer;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
        _pointer = _statement.DangerousGetHandle();
    }

    public SqliteStatement Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public SqliteStatement Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public SqliteStatement Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Binds a blob without copying it first: SQLite copies it while binding.</summary>
    public SqliteStatement Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Binds a named parameter (<c>$after</c>) to text, a whole number or null.</summary>
    public SqliteStatement Bind(string name, object? value)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        if (index == 0)
        {
            throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
        }

        return value switch
        {
            null => Check(raw.sqlite3_bind_null(_statement, index)),
            string text => Bind(index, text),
            long number => Bind(index, number),
            int number => Bind(index, number),
            _ => throw new ArgumentException($"Parameter {name} is a {value.GetType().Name}; only text and whole numbers are bound by name.", nameof(value)),
        };
    }

    /// <summary>Steps to the query's next row.</summary>
    /// <returns>False past the last row.</returns>
    public bool Read()
    {
        var result = Native.Step(Pointer);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        SqliteException.ThrowExceptionForRC(result == raw.SQLITE_DONE ? raw.SQLITE_OK : result, _db);
        return false;
    }

    public bool IsNull(int column) => Native.ColumnType(Pointer, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => Native.ColumnInt64(Pointer, column);

    public string? GetText(int column) => IsNull(column) ? null : System.Text.Encoding.UTF8.GetString(Column(Native.ColumnText(Pointer, column), column));

    /// <summary>The row's blob as SQLite holds it: valid until the next <see cref="Read"/>, so copied by whoever keeps it.</summary>
    public ReadOnlySpan<byte> GetBlob(int column) => Column(Native.ColumnBlob(Pointer, column), column);

    /// <summary>The statement's pointer; refused once disposed, where SQLitePCLRaw's handle refused it before.</summary>
    IntPtr Pointer => _statement.IsClosed ? throw new ObjectDisposedException(nameof(SqliteStatement)) : _pointer;

    /// <summary>A text or blob column's bytes: its length is asked for after its value, as SQLite's documentation orders.</summary>
    unsafe ReadOnlySpan<byte> Column(IntPtr value, int column) => new((void*)value, Native.ColumnBytes(_pointer, column));

    /// <summary>Runs the statement to its end and readies it for the next bindings.</summary>
    /// <returns>The rows it inserted, updated or deleted.</returns>
    public int Execute()
    {
        try
        {
            var result = Native.Step(Pointer);
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

    /// <summary>The library SQLitePCLRaw loads (its <c>e_sqlite3</c> bundle), called with the statement's pointer.</summary>
    static partial class Native
    {
        const string Library = "e_sqlite3";

        [LibraryImport(Library, EntryPoint = "sqlite3_step")]
        internal static partial int Step(IntPtr statement);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
        internal static partial int ColumnType(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
        internal static partial long ColumnInt64(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
        internal static partial IntPtr ColumnText(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
        internal static partial IntPtr ColumnBlob(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
        internal static partial int ColumnBytes(IntPtr statement, int column);
    }
}
