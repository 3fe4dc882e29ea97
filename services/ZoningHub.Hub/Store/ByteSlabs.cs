namespace ZoningHub.Hub.Store;

/// <summary>
/// Copies of many small runs of bytes kept for long, packed into arrays of 1 MiB: an array of its own for each of a
/// national scope's 21,649 units was as many objects for the collector to copy from generation to generation.
/// </summary>
/// <remarks>
/// An array is kept while any run copied into it is: a reader that replaces the runs one by one holds, at most, the
/// arrays' bytes beside those that replaced them.
/// </remarks>
sealed class ByteSlabs
{
    const int SlabBytes = 1024 * 1024;

    byte[] _slab = [];
    int _used;

    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        // A large unit takes an array of its own, rather than leave most of a slab unused.
        if (bytes.Length > SlabBytes / 8)
        {
            return bytes.ToArray();
        }

        if (_used + bytes.Length > _slab.Length)
        {
            (_slab, _used) = (new byte[SlabBytes], 0);
        }

        var copy = _slab.AsMemory(_used, bytes.Length);
        bytes.CopyTo(copy.Span);
        _used += bytes.Length;
        return copy;
    }
}
