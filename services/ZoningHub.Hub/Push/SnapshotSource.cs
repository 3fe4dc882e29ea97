using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// What snapshots send: the current units, read from the hub's store at the first snapshot after a start, kept in
/// memory, and brought up to the head from the log's newer entries when a later snapshot begins. Shared by every
/// node's pusher.
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
    // The first read hands its units on in runs of this many: sent as they are read, not after the whole store is.
    const int Run = 512;

    readonly Lock _gate = new();
    CurrentEncodings? _latest;
    Task? _firstRead;

    /// <summary>
    /// The units in <paramref name="range"/> as of <paramref name="revision"/> or later. Asked for before the node
    /// begins the snapshot, so that the first snapshot after a start reads the store meanwhile; that snapshot sends
    /// its units as they are read.
    /// </summary>
    public IAsyncEnumerable<EncodedUnit> UnitsAsync(long revision, SnapshotRange range, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_latest is null && _firstRead is null)
            {
                // Begun after the caller read its revision, so at that head or later; and read at once, however fast
                // the node takes the units, so that its transaction ends with it.
                var runs = Channel.CreateUnbounded<EncodedUnit[]>(new() { SingleReader = true, SingleWriter = true });
                _firstRead = Task.Run(() => ReadFirst(runs.Writer), CancellationToken.None);
                return AsTheyAreReadAsync(runs.Reader, range, cancellationToken);
            }
        }

        return FromMemoryAsync(revision, range, cancellationToken);
    }

    /// <summary>The current units as of <paramref name="revision"/> or later.</summary>
    public CurrentEncodings AtLeast(long revision)
    {
        lock (_gate)
        {
            if (_latest is { } latest && latest.Revision >= revision)
            {
                return latest;
            }

            var units = new List<EncodedUnit>();
            var head = log.ReadEncodingsSince(_latest?.Revision, units.Add);
            return _latest = _latest is { } known ? known.After(head, units) : CurrentEncodings.Of(head, units);
        }
    }

    void ReadFirst(ChannelWriter<EncodedUnit[]> runs)
    {
        try
        {
            var (all, run) = (new List<EncodedUnit>(), new List<EncodedUnit>(Run));
            var head = log.ReadEncodingsSince(null, unit =>
            {
                all.Add(unit);
                run.Add(unit);
                if (run.Count == Run)
                {
                    runs.TryWrite([.. run]);
                    run.Clear();
                }
            });
            runs.TryWrite([.. run]);
            lock (_gate)
            {
                (_latest, _firstRead) = (CurrentEncodings.Of(head, all), null);
            }

            runs.Complete();
        }
        catch (Exception e)
        {
            // The snapshot sending them fails with it, and the next one reads again.
            lock (_gate)
            {
                _firstRead = null;
            }

            runs.Complete(e);
        }
    }

    static async IAsyncEnumerable<EncodedUnit> AsTheyAreReadAsync(ChannelReader<EncodedUnit[]> runs, SnapshotRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var run in runs.ReadAllAsync(cancellationToken))
        {
            foreach (var unit in run)
            {
                if (range.IsPast(unit.Code))
                {
                    yield break;
                }

                if (!range.IsAhead(unit.Code))
                {
                    yield return unit;
                }
            }
        }
    }

    async IAsyncEnumerable<EncodedUnit> FromMemoryAsync(long revision, SnapshotRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Task? firstRead;
        lock (_gate)
        {
            firstRead = _firstRead;
        }

        // Another snapshot's first read, still going: these units are in memory once it is through.
        if (firstRead is not null)
        {
            await firstRead.WaitAsync(cancellationToken);
        }

        foreach (var unit in AtLeast(revision).InScope(range))
        {
            yield return unit;
        }
    }
}
