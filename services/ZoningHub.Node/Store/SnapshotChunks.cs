using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Store;

/// <summary>
/// A snapshot's chunk as the node keeps it: the chunk's encoded units, each after its length (4 bytes,
/// little-endian), in the base's file (<see cref="ChunkFiles"/>), and one row naming them. A snapshot is kept as the
/// hub sent it, in its chunks, because a row per unit was most of the cost of taking one: 21,557 units took
/// 120–180 ms of SQLite inserts on the benchmark's machine, its chunks' 24 rows 5 ms.
/// </summary>
static class SnapshotChunks
{
    const int LengthBytes = sizeof(int);

    /// <summary>The bytes a unit of <paramref name="length"/> bytes takes in a chunk: its length, then itself.</summary>
    public static int FramedLength(int length) => LengthBytes + length;

    /// <summary>Writes the length of a unit framed at <paramref name="at"/> of <paramref name="blob"/>.</summary>
    /// <returns>Where the unit's encoding goes.</returns>
    public static int Frame(Span<byte> blob, int at, int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(blob[at..], length);
        return at + LengthBytes;
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

    /// <summary>
    /// Adds a chunk to the snapshot being taken after the ones there: its bytes to the end of the snapshot's file,
    /// <paramref name="path"/> (<see cref="ChunkFiles"/>), then its row naming them.
    /// </summary>
    /// <returns>The chunk's number, which orders the snapshot's chunks, and where its bytes begin in the file.</returns>
    public static (long Number, long FileOffset) Add(SqliteConnection connection, SqliteTransaction tx, ChunkFiles files, string path, ReceivedChunk chunk)
    {
        var (number, offset) = connection.Query(tx,
            "SELECT COALESCE(MAX(chunk), 0) + 1, COALESCE(MAX(file_offset + file_length), 0) FROM snapshot_chunks",
            r => (r.GetInt64(0), r.GetInt64(1))).Single();
        // Written where the rows say the file's bytes end: bytes past that were written by a chunk whose commit failed.
        files.Write(path, offset, chunk.Framed);
        using var insert = new SqliteStatement(connection, "INSERT INTO snapshot_chunks (chunk, units, file_offset, file_length) VALUES (?1, X'', ?2, ?3)");
        insert.Bind(1, number).Bind(2, offset).Bind(3, chunk.Framed.Length).Execute();
        return (number, offset);
    }
}
