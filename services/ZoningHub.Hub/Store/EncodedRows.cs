using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Hub.Store;

/// <summary>
/// Log entries as nodes receive them (<see cref="EncodedUnit"/>), read one row at a time. <see cref="Message"/> is
/// SQLite's own bytes of the row, so a reader that keeps it copies it where it wants it (the slabs of the units
/// snapshots send, <see cref="ByteSlabs"/>) instead of every row being copied into an array of its own first.
/// </summary>
/// <param name="connection">The connection the rows have to themselves, closed with them; none when their reader closes it.</param>
public sealed class EncodedRows(SqliteStatement statement, Func<long, byte[]> encode, SqliteConnection? connection) : IDisposable
{
    byte[]? _encodedHere;

    public bool Read()
    {
        _encodedHere = null;
        return statement.Read();
    }

    public long Revision => statement.GetInt64(0);

    public string Code => statement.GetText(1)!;

    public string? TraceParent => statement.GetText(2);

    /// <summary>The row's encoded unit, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Message => statement.IsNull(3) ? _encodedHere ??= encode(Revision) : statement.GetBlob(3);

    public void Dispose()
    {
        statement.Dispose();
        connection?.Dispose();
    }
}
