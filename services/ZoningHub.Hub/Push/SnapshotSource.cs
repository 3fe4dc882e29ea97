using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// What snapshots send: the current units, read from the hub's store once, kept in memory, and brought up to the head
/// from the log's newer entries when a snapshot begins. Shared by every node's pusher.
/// </summary>
/// <remarks>
/// Each snapshot read its units from the store in one query, which held a read transaction for as long as the node took
/// them: over a slow link, minutes in which no checkpoint could empty the write-ahead log. That reading was also a fifth
/// of the processor time of a running hub's snapshot (session 26). What this keeps is the bytes of a national snapshot
/// (25 MB for the sample world's 21,649 units), and at most as much again: the units read first are packed in arrays of
/// 1 MiB (ByteSlabs), each kept while any of its units is current. A snapshot in progress keeps the version it began
/// with until it is through; versions share every unit's bytes.
/// </remarks>
public sealed class SnapshotSource(UnitLogReader log)
{
    readonly Lock _reading = new();
    CurrentEncodings? _latest;

    /// <summary>The current units as of <paramref name="revision"/> or later.</summary>
    public CurrentEncodings AtLeast(long revision)
    {
        lock (_reading)
        {
            if (_latest is { } latest && latest.Revision >= revision)
            {
                return latest;
            }

            var (head, units) = log.ReadEncodingsSince(_latest?.Revision);
            return _latest = _latest is { } known ? known.After(head, units) : CurrentEncodings.Of(head, units);
        }
    }
}
