using System.Buffers;
using Google.Protobuf;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// One snapshot chunk's units, their bytes copied into one buffer from the shared pool and given back when the chunk
/// has been sent (<see cref="Dispose"/>). A snapshot is tens of megabytes: an array of its own for every unit was
/// most of the hub's cost of reading it, in allocating and clearing memory the collector then had to take back.
/// </summary>
public sealed class SnapshotUnits(int maxBytes) : IDisposable
{
    byte[]? _buffer;
    int _used;
    long _bytes;

    public List<EncodedUnit> Units { get; } = [];

    /// <summary>Whether a unit of <paramref name="length"/> bytes keeps the chunk within its bound; the first always does.</summary>
    public bool Fits(int length) => Units.Count == 0 || _bytes + PushBatches.SizeInMessage(length) <= maxBytes;

    public void Add(long revision, string code, ReadOnlySpan<byte> message)
    {
        // The first unit's bytes, or its own if larger than the bound (it then goes alone): the bound holds every
        // unit the chunk takes, since each counts at least its length against it.
        _buffer ??= ArrayPool<byte>.Shared.Rent(Math.Max(maxBytes, message.Length));
        message.CopyTo(_buffer.AsSpan(_used));
        Units.Add(new(revision, code, null, UnsafeByteOperations.UnsafeWrap(_buffer.AsMemory(_used, message.Length))));
        _used += message.Length;
        _bytes += PushBatches.SizeInMessage(message.Length);
    }

    /// <summary>Gives the buffer back: the units' messages must not be read after, so only once they are sent.</summary>
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
