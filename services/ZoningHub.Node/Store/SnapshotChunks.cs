using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Store;

/// <summary>
/// A snapshot's chunk as the node keeps it: one row whose blob is the chunk's encoded units, each after its length
/// (4 bytes, little-endian). A snapshot is kept as the hub sent it, in its chunks, because a row per unit was most
/// of the cost of taking one: 21,557 units took 120–180 ms of SQLite inserts on the benchmark's machine, its
/// chunks' 24 rows 5 ms.
/// </summary>
static class SnapshotChunks
{
    const int LengthBytes = sizeof(int);

    /// <summary>
    /// The chunk's units framed in one blob, in a pooled buffer to give back once written: allocated afresh, each
    /// chunk's megabyte was new memory for the runtime to clear and the collector to sweep (27–39 ms of the
    /// benchmark's 24 chunks for the copy, against a few for the bytes themselves).
    /// </summary>
    public static Framed Frame(IReadOnlyList<PushedUnit> units)
    {
        var length = units.Sum(u => LengthBytes + u.Encoded.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var offsets = new int[units.Count];
        var at = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var encoded = units[i].Encoded.Span;
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(at), encoded.Length);
            offsets[i] = at += LengthBytes;
            encoded.CopyTo(buffer.AsSpan(at));
            at += encoded.Length;
        }

        return new(buffer, length, offsets);
    }

    /// <summary>A framed chunk: its blob, and where each unit's encoding begins in it.</summary>
    public sealed class Framed(byte[] buffer, int length, int[] offsets) : IDisposable
    {
        public ReadOnlySpan<byte> Blob => buffer.AsSpan(0, length);

        public IReadOnlyList<int> Offsets => offsets;

        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// Each framed unit of <paramref name="blob"/>: where its encoding begins, and its length; and whether the
    /// framing is damaged (a length running past the blob's end), which ends the units read from it.
    /// </summary>
    public static (List<(int Offset, int Length)> Units, bool Damaged) Units(ReadOnlySpan<byte> blob)
    {
        var units = new List<(int, int)>();
        for (var at = 0; at < blob.Length;)
        {
            var length = blob.Length - at >= LengthBytes ? BinaryPrimitives.ReadInt32LittleEndian(blob[at..]) : -1;
            if (length < 0 || length > blob.Length - at - LengthBytes)
            {
                return (units, true);
            }

            units.Add((at + LengthBytes, length));
            at += LengthBytes + length;
        }

        return (units, false);
    }

    /// <summary>Adds a chunk to <paramref name="table"/> after the ones there.</summary>
    /// <returns>The chunk's number, which orders the table's chunks.</returns>
    public static long Add(SqliteConnection connection, SqliteTransaction tx, string table, Framed chunk)
    {
        var number = connection.Scalar<long>(tx, $"SELECT COALESCE(MAX(chunk), 0) + 1 FROM {table}");
        using var insert = new SqliteStatement(connection, $"INSERT INTO {table} (chunk, units) VALUES (?1, ?2)");
        insert.Bind(1, number).Bind(2, chunk.Blob).Execute();
        return number;
    }
}
