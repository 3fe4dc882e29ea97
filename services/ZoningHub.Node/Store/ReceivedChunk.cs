using System.Buffers;
using System.Text;
using Google.Protobuf;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Node.Store;

/// <summary>
/// A snapshot chunk as the node takes it: its snapshot, the code it follows, its units framed as the chunk files
/// keep them (<see cref="SnapshotChunks"/>), in one buffer from the shared pool, given back by <see cref="Dispose"/>,
/// and each unit's indexed fields.
/// </summary>
/// <remarks>
/// The push service reads it straight from a call's bytes (<see cref="Parse"/>): parsed as a <c>SnapshotChunk</c>
/// message, each unit became an array of its own, which the store then copied again into this framing. That was the
/// node's 25 MB of allocation per benchmark snapshot, and a copy of it, for bytes that only pass through to a file.
/// </remarks>
public sealed class ReceivedChunk : IDisposable
{
    readonly byte[] _buffer;
    readonly int _length;
    readonly (int Offset, int Length)[] _units;
    bool _returned;

    ReceivedChunk(string snapshotId, string afterCode, byte[] buffer, int length, (int, int)[] units, UnitHeader[] headers, string? malformed)
    {
        (SnapshotId, AfterCode, _buffer, _length, _units, Headers, Malformed) = (snapshotId, afterCode, buffer, length, units, headers, malformed);
    }

    public string SnapshotId { get; }

    public string AfterCode { get; }

    /// <summary>
    /// Why the call's bytes are not an encoded <c>SnapshotChunk</c> of encoded units, if they are not (a sentence the
    /// refusal gives as it is); the chunk then holds no units.
    /// </summary>
    public string? Malformed { get; }

    /// <summary>The unit at fault (<c>units[3]</c>) when the chunk is <see cref="Malformed"/> for one of its units.</summary>
    public string? MalformedField { get; private init; }

    public int Count => _units.Length;

    /// <summary>Each unit's indexed fields (<see cref="PushedUnit"/>), in the units' order.</summary>
    public UnitHeader[] Headers { get; }

    /// <summary>The units, each after its length: what the chunk file keeps.</summary>
    public ReadOnlySpan<byte> Framed => _buffer.AsSpan(0, _length);

    /// <summary>Where unit <paramref name="index"/>'s encoding begins in <see cref="Framed"/>.</summary>
    public int OffsetOf(int index) => _units[index].Offset;

    /// <summary>Unit <paramref name="index"/>'s encoded <c>UnitRevision</c>.</summary>
    public ReadOnlySpan<byte> Unit(int index) => _buffer.AsSpan(_units[index].Offset, _units[index].Length);

    /// <summary>A chunk already parsed as the contract's message (the store's own callers, and specs): encoded again and read as a call's bytes are.</summary>
    public static ReceivedChunk From(SnapshotChunk chunk) => Parse(new ReadOnlySequence<byte>(chunk.ToByteArray()));

    /// <summary>
    /// Reads an encoded <c>SnapshotChunk</c> (snapshot_id = 1, after_code = 2, repeated bytes units = 3; other fields
    /// skipped, as a parser skips fields it does not know), copying each unit once, into its framing, and reading its
    /// indexed fields just after. Read here, they are read on the thread that reads ahead (<c>StreamReadAhead</c>), off
    /// the store's path. Whether reading each unit's just after its copy also saves work is not shown: in a loop alone,
    /// the benchmark snapshot's 21,649 units took about 4.5 ms so against 6.5 ms read after all its chunks were copied,
    /// but profiles of whole snapshots put the node's reading and storing at 25.7 ms before and 27.2 ms after (twenty
    /// snapshots each, session 22), within their noise.
    /// </summary>
    public static ReceivedChunk Parse(ReadOnlySequence<byte> message)
    {
        var (snapshotId, afterCode, units) = ("", "", new List<(SequencePosition Start, int Length)>());
        var reader = new SequenceReader<byte>(message);
        while (!reader.End)
        {
            if (!TryReadVarint(ref reader, out var tag) || tag >> 3 is 0 or > int.MaxValue)
            {
                return Refused(snapshotId, afterCode, NotAChunk($"no field tag at byte {reader.Consumed}"));
            }

            var (field, wireType) = (tag >> 3, (int)(tag & 7));
            var read = wireType switch
            {
                0 => TryReadVarint(ref reader, out _),
                1 => TrySkip(ref reader, 8),
                5 => TrySkip(ref reader, 4),
                2 => TryReadLengthDelimited(ref reader, field, ref snapshotId, ref afterCode, units),
                _ => false,
            };
            if (!read)
            {
                return Refused(snapshotId, afterCode, NotAChunk($"field {field} (wire type {wireType}) cut short or of an unknown wire type"));
            }
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(units.Sum(u => SnapshotChunks.FramedLength(u.Length)), 1));
        var (framed, headers) = (new (int, int)[units.Count], new UnitHeader[units.Count]);
        var at = 0;
        for (var i = 0; i < units.Count; i++)
        {
            at = SnapshotChunks.Frame(buffer, at, units[i].Length);
            var unit = buffer.AsSpan(at, units[i].Length);
            message.Slice(units[i].Start, units[i].Length).CopyTo(unit);
            headers[i] = PushedUnit.ReadHeader(i, unit, out var malformed);
            if (malformed is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return Refused(snapshotId, afterCode, malformed, PushedUnit.FieldOf(i));
            }

            framed[i] = (at, units[i].Length);
            at += units[i].Length;
        }

        return new(snapshotId, afterCode, buffer, at, framed, headers, null);
    }

    static bool TryReadLengthDelimited(ref SequenceReader<byte> reader, ulong field, ref string snapshotId, ref string afterCode,
        List<(SequencePosition, int)> units)
    {
        if (!TryReadVarint(ref reader, out var length) || length > (ulong)reader.Remaining)
        {
            return false;
        }

        var bytes = (int)length;
        switch (field)
        {
            case 1:
                snapshotId = Encoding.UTF8.GetString(reader.UnreadSequence.Slice(0, bytes));
                break;
            case 2:
                afterCode = Encoding.UTF8.GetString(reader.UnreadSequence.Slice(0, bytes));
                break;
            case 3:
                units.Add((reader.Position, bytes));
                break;
        }

        reader.Advance(bytes);
        return true;
    }

    static bool TrySkip(ref SequenceReader<byte> reader, int bytes)
    {
        if (reader.Remaining < bytes)
        {
            return false;
        }

        reader.Advance(bytes);
        return true;
    }

    /// <summary>A base-128 varint of at most ten bytes, as protobuf encodes integers and lengths.</summary>
    static bool TryReadVarint(ref SequenceReader<byte> reader, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (!reader.TryRead(out var next))
            {
                return false;
            }

            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    static string NotAChunk(string detail) => $"The chunk is not an encoded SnapshotChunk: {detail}.";

    static ReceivedChunk Refused(string snapshotId, string afterCode, string why, string? field = null) =>
        new(snapshotId, afterCode, ArrayPool<byte>.Shared.Rent(1), 0, [], [], why) { MalformedField = field };

    public void Dispose()
    {
        if (!_returned)
        {
            _returned = true;
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
