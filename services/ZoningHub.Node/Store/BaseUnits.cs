using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.ServiceDefaults.Storage;
using UnitCodes = ZoningHub.Hub.Core.Derivation.UnitCodes;

namespace ZoningHub.Node.Store;

/// <summary>
/// A unit of the node's base: its indexed fields, and where its encoding lies: in the base's file
/// (<see cref="ChunkFiles"/>) at <paramref name="Offset"/> when <paramref name="InFile"/>, or else at that offset of
/// its chunk's row, as a base taken before chunk files keeps it until the next snapshot replaces it.
/// </summary>
public sealed record BaseUnit(UnitHeader Header, long Chunk, long Offset, int Length, bool InFile);

/// <summary>
/// The units of the snapshot the node completed last (its base), kept in its chunks as it came (<see cref="SnapshotChunks"/>),
/// indexed here in memory in code order. Units pushed since are in the <c>units</c> table, and a unit there stands
/// for the base's unit with its code. A base never changes: the next snapshot replaces it whole, and an index is
/// known by the snapshot it was read from.
/// </summary>
public sealed class BaseUnits
{
    public static readonly BaseUnits None = new("", 0, []);

    readonly BaseUnit[] _units;

    /// <param name="units">In ascending code order, as a snapshot's chunks bring them.</param>
    public BaseUnits(string snapshotId, long number, BaseUnit[] units, IReadOnlyList<long>? damagedChunks = null) =>
        (SnapshotId, Number, _units, DamagedChunks) = (snapshotId, number, units, damagedChunks ?? []);

    /// <summary>The snapshot the base is; empty when the node has none (before its first, or a store from before bases).</summary>
    public string SnapshotId { get; }

    /// <summary>The base's number in its store, which each new base (or a base dropped) takes one higher.</summary>
    public long Number { get; }

    /// <summary>
    /// The chunks read from disk whose units could not all be read (a faulty disk or a hand edit): their units from the
    /// damage on are not in the index, so the node's digest differs from the hub's, and the hub sends a snapshot.
    /// </summary>
    public IReadOnlyList<long> DamagedChunks { get; }

    public int Count => _units.Length;

    public IReadOnlyList<BaseUnit> All => _units;

    public BaseUnit? Find(string code)
    {
        var at = IndexAfter(code, inclusive: true);
        return at < _units.Length && _units[at].Header.Code == code ? _units[at] : null;
    }

    /// <summary>
    /// The active units a listing filtered as <see cref="UnitListingFilter"/> filters the <c>units</c> table would
    /// take from the base, in code order, after <paramref name="after"/>: an area's units are read from its range of codes.
    /// </summary>
    public IEnumerable<BaseUnit> Active(string? province, string? county, int? type, string? after)
    {
        var (from, before) = (county ?? province) is { } area ? UnitCodes.Range(area) : (null, null);
        var start = Math.Max(from is null ? 0 : IndexAfter(from, inclusive: true), after is null ? 0 : IndexAfter(after, inclusive: false));
        for (var i = start; i < _units.Length; i++)
        {
            var header = _units[i].Header;
            if (before is not null && string.CompareOrdinal(header.Code, before) >= 0)
            {
                yield break;
            }

            if (!header.Retired && (county is null || header.County == county)
                && (province is null || header.County.StartsWith(province, StringComparison.Ordinal)) && (type is null || header.Type == type))
            {
                yield return _units[i];
            }
        }
    }

    /// <summary>The first unit whose code is past <paramref name="code"/> (or is it, when <paramref name="inclusive"/>).</summary>
    int IndexAfter(string code, bool inclusive)
    {
        var (low, high) = (0, _units.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            var order = string.CompareOrdinal(_units[middle].Header.Code, code);
            if (order < 0 || (order == 0 && !inclusive))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// Reads the index of the chunks in <paramref name="table"/>, inside the connection's transaction: once per base
    /// after a start, or after a snapshot completed that a restart interrupted. A chunk's units are read up to any
    /// damage (framing that runs past its end, a unit that does not decode or is out of code order, bytes missing from
    /// the base's file); the rest of that chunk is left out and the chunk named in <see cref="DamagedChunks"/>.
    /// </summary>
    public static BaseUnits Read(SqliteConnection connection, string table, string snapshotId, long number, ChunkFiles files)
    {
        var (units, damaged) = (new List<BaseUnit>(), new List<long>());
        using var file = ChunkFiles.OpenRead(files.PathOf(number, snapshotId));
        var buffer = Array.Empty<byte>();
        using var chunks = new SqliteStatement(connection, $"SELECT chunk, units, file_offset, file_length FROM {table} ORDER BY chunk");
        while (chunks.Read())
        {
            var chunk = chunks.GetInt64(0);
            var inFile = !chunks.IsNull(2);
            var start = inFile ? chunks.GetInt64(2) : 0;
            var blob = inFile ? default : chunks.GetBlob(1);
            if (inFile)
            {
                var fileLength = (int)chunks.GetInt64(3);
                buffer = buffer.Length < fileLength ? new byte[fileLength] : buffer;
                if (file is null || !ChunkFiles.TryRead(file, buffer.AsSpan(0, fileLength), start))
                {
                    damaged.Add(chunk);
                    continue;
                }

                blob = buffer.AsSpan(0, fileLength);
            }

            var (framed, isDamaged) = SnapshotChunks.Units(blob);
            foreach (var (offset, length) in framed)
            {
                if (PushedUnit.TryReadHeader(blob.Slice(offset, length)) is not { } header
                    || (units.Count > 0 && string.CompareOrdinal(header.Code, units[^1].Header.Code) <= 0))
                {
                    isDamaged = true;
                    break;
                }

                units.Add(new(header, chunk, start + offset, length, inFile));
            }

            if (isDamaged)
            {
                damaged.Add(chunk);
            }
        }

        return new(snapshotId, number, [.. units], damaged);
    }
}
