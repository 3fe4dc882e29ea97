using System.Buffers;
using Google.Protobuf;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node reads each snapshot chunk straight from the call's bytes into the framing its chunk files keep
/// (ReceivedChunk), not through the contract's generated parser. These specs hold that reader to the contract's
/// encoding: the same units as the generated parser reads, from bytes in one piece or in many (as a large message
/// arrives), fields it does not know skipped; each unit's indexed fields read as it is copied; what is not a chunk,
/// or a unit that is not a unit, refused by name; and no array per unit.
/// </summary>
public sealed class When_a_node_reads_a_snapshot_chunk_from_the_calls_bytes
{
    [Theory]
    [InlineData(1_000_000)]
    [InlineData(7)]
    [InlineData(1)]
    public void Should_read_the_units_the_contracts_parser_reads_from_bytes_in_pieces_of(int piece)
    {
        var chunk = SnapshotChunk.Parser.ParseFrom([.. Chunk(40).ToByteArray(), .. UnknownFields()]);

        using var received = ReceivedChunk.Parse(InPieces(chunk.ToByteArray(), piece));

        Assert.Null(received.Malformed);
        Assert.Equal((chunk.SnapshotId, chunk.AfterCode), (received.SnapshotId, received.AfterCode));
        Assert.Equal(chunk.Units.Select(u => u.ToBase64()), Enumerable.Range(0, received.Count).Select(i => Convert.ToBase64String(received.Unit(i))));
        Assert.Equal(chunk.Units.Sum(u => 4 + u.Length), received.Framed.Length);
        Assert.Equal(chunk.Units.Select(u => UnitRevision.Parser.ParseFrom(u)).Select(u => (u.Code, u.County, u.Version, u.ContentHash, u.Revision)),
            received.Headers.Select(h => (h.Code, h.County, h.Version, h.ContentHash, h.Revision)));
    }

    [Fact]
    public void Should_name_the_unit_that_is_not_an_encoded_unit_and_take_none_of_the_chunk()
    {
        var chunk = Chunk(3);
        chunk.Units[1] = ByteString.CopyFromUtf8("a GeoJSON feature, perhaps");

        using var received = ReceivedChunk.Parse(new ReadOnlySequence<byte>(chunk.ToByteArray()));

        Assert.StartsWith("Unit 1 of the push is not an encoded UnitRevision", received.Malformed, StringComparison.Ordinal);
        Assert.Equal((0, 0), (received.Count, received.Headers.Length));
    }

    [Theory]
    [InlineData(new byte[] { 0x1A, 0x05, 1, 2 }, "field 3 (wire type 2) cut short")]
    [InlineData(new byte[] { 0x1B }, "field 3 (wire type 3)")]
    [InlineData(new byte[] { 0x00, 0x01 }, "no field tag at byte 1")]
    [InlineData(new byte[] { 0x08, 0xFF }, "field 1 (wire type 0) cut short")]
    public void Should_name_what_is_wrong_with_bytes_that_are_not_a_chunk(byte[] bytes, string problem)
    {
        using var received = ReceivedChunk.Parse(new ReadOnlySequence<byte>(bytes));

        Assert.Contains(problem, received.Malformed, StringComparison.Ordinal);
        Assert.Equal(0, received.Count);
    }

    /// <summary>What it allocates is the units' indexed fields (their strings), which the store's index keeps.</summary>
    [Fact]
    public void Should_copy_the_units_into_a_pooled_buffer_without_an_array_for_each()
    {
        var bytes = Chunk(400, geometryBytes: 2_500).ToByteArray();
        ReceivedChunk.Parse(new ReadOnlySequence<byte>(bytes)).Dispose();

        var before = GC.GetAllocatedBytesForCurrentThread();
        using var received = ReceivedChunk.Parse(new ReadOnlySequence<byte>(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(400, received.Count);
        Assert.True(allocated < bytes.Length / 5, $"reading a chunk of {bytes.Length} bytes allocated {allocated}");
    }

    internal static SnapshotChunk Chunk(int units, int geometryBytes = 30) => new()
    {
        SnapshotId = "s1", AfterCode = "",
        Units = { Enumerable.Range(1, units).Select(i => BaseFixture.Unit($"ZH330106{i:00000}", "330106", UnitType.GeneralControl, 1, revision: i, geometryBytes: geometryBytes)) },
    };

    /// <summary>Fields 9–12 of every wire type the reader skips (varint, 64-bit, length-delimited, 32-bit), as a later contract might add.</summary>
    internal static byte[] UnknownFields() => [0x48, 0x96, 0x01, 0x51, 1, 2, 3, 4, 5, 6, 7, 8, 0x5A, 0x03, 0x61, 0x62, 0x63, 0x65, 1, 2, 3, 4];

    /// <summary>The bytes as a sequence of <paramref name="piece"/>-byte segments, as the transport's buffers hold a large message.</summary>
    static ReadOnlySequence<byte> InPieces(byte[] bytes, int piece)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(piece, bytes.Length)), 0);
        var last = first;
        for (var at = piece; at < bytes.Length; at += piece)
        {
            last = last.Append(bytes.AsMemory(at, Math.Min(piece, bytes.Length - at)));
        }

        return new(first, 0, last, last.Memory.Length);
    }

    sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex) => (Memory, RunningIndex) = (memory, runningIndex);

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
