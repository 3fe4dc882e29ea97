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
        var (units, traces, bytes) = (new List<EncodedUnit>(), new List<string>(), 0L);
        using var rows = log.ReadLogEncoded(after, head, scope);
        while (rows.Read())
        {
            var size = SizeInMessage(rows.Message.Length);
            if (units.Count > 0 && bytes + size > maxBytes)
            {
                return new(units, units[^1].Revision) { TraceParents = traces };
            }

            units.Add(new(rows.Revision, rows.Code, rows.TraceParent, ByteString.CopyFrom(rows.Message)));
            bytes += size;
            // A derivation writes a run of entries with one trace: a handful per batch, so a list is enough.
            if (units[^1].TraceParent is { } trace && !traces.Contains(trace))
            {
                traces.Add(trace);
            }
        }

        return new(units, head) { TraceParents = traces };
    }

    /// <summary>Units in the order given, cut into snapshot chunks: a snapshot's units (<see cref="SnapshotSource.UnitsAsync"/>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<EncodedUnit>> SnapshotChunksAsync(IAsyncEnumerable<EncodedUnit> units)
    {
        var (chunk, bytes) = (new List<EncodedUnit>(), 0L);
        await foreach (var unit in units)
        {
            var size = SizeInMessage(unit.Message.Length);
            if (chunk.Count > 0 && bytes + size > maxBytes)
            {
                yield return chunk;
                (chunk, bytes) = (new List<EncodedUnit>(), 0L);
            }

            chunk.Add(unit);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>What a unit adds to a request: its bytes with their field tag and length.</summary>
    internal static int SizeInMessage(int length) => 1 + CodedOutputStream.ComputeLengthSize(length) + length;
}
