using Google.Protobuf;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// Cuts the log and the current units into messages bounded in bytes rather than in units: a county's
/// general-control unit can be a thousand times the size of a small protected area. A unit larger than
/// the bound goes alone.
/// </summary>
public sealed class PushBatches(UnitLogReader log, int maxBytes)
{
    /// <summary>The log in scope after <paramref name="after"/>, up to <paramref name="head"/>.</summary>
    public LogBatch NextLogBatch(long after, long head, string scope)
    {
        var batch = new Batch(maxBytes);
        foreach (var entry in log.StreamLogEncoded(after, head, scope))
        {
            if (!batch.TryAdd(entry))
            {
                return new(batch.Units, batch.Units[^1].Revision) { TraceParents = batch.TraceParents };
            }
        }

        return new(batch.Units, head) { TraceParents = batch.TraceParents };
    }

    /// <summary>
    /// The current units in scope after <paramref name="afterCode"/>, in code order, cut into chunks as they are read
    /// from one query: one read for the whole snapshot rather than one per chunk.
    /// </summary>
    public IEnumerable<IReadOnlyList<EncodedUnit>> SnapshotChunks(string scope, string afterCode)
    {
        var batch = new Batch(maxBytes);
        foreach (var unit in log.StreamCurrentEncoded(scope, afterCode))
        {
            if (!batch.TryAdd(unit))
            {
                yield return batch.Units;
                batch = new Batch(maxBytes);
                batch.TryAdd(unit);
            }
        }

        if (batch.Units.Count > 0)
        {
            yield return batch.Units;
        }
    }

    sealed class Batch(int maxBytes)
    {
        long _bytes;

        public List<EncodedUnit> Units { get; } = [];

        public List<string> TraceParents { get; } = [];

        public bool TryAdd(EncodedUnit entry)
        {
            // What the unit adds to the request: its bytes with their field tag and length.
            var size = 1 + CodedOutputStream.ComputeBytesSize(entry.Message);
            if (Units.Count > 0 && _bytes + size > maxBytes)
            {
                return false;
            }

            Units.Add(entry);
            _bytes += size;
            // A derivation writes a run of entries with one trace: a handful per batch, so a list is enough.
            if (entry.TraceParent is { } trace && !TraceParents.Contains(trace))
            {
                TraceParents.Add(trace);
            }

            return true;
        }
    }
}
