using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.ServiceDefaults.Storage;
using UnitCodes = ZoningHub.Hub.Core.Derivation.UnitCodes;

namespace ZoningHub.Node.Store;

/// <summary>A unit of the node's base: its indexed fields, and where its encoding lies in the base's chunks.</summary>
public sealed record BaseUnit(UnitHeader Header, long Chunk, int Offset, int Length);

/// <summary>
/// The units of the snapshot the node completed last (its base), kept in its chunks as it came (<see cref="SnapshotChunks"/>),
/// indexed here in memory in code order. Units pushed since are in the <c>units</c> table, and a unit there stands
/// for the base's unit with its code. A base never changes: the next snapshot replaces it whole, and an index is
/// known by the snapshot it was read from.
/// </summary>
public sealed class BaseUnits
{
    public static readonly BaseUnits None = new("", []);

    readonly BaseUnit[] _units;

    /// <param name="units">In ascending code order, as a snapshot's chunks bring them.</param>
    public BaseUnits(string snapshotId, BaseUnit[] units) => (SnapshotId, _units) = (snapshotId, units);

    /// <summary>The snapshot the base is; empty when the node has none (before its first, or a store from before bases).</summary>
    public string SnapshotId { get; }

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
    /// after a start, or after a snapshot completed that a restart interrupted.
    /// </summary>
    public static BaseUnits Read(SqliteConnection connection, string table, string snapshotId)
    {
        var units = new List<BaseUnit>();
        using var chunks = new SqliteStatement(connection, $"SELECT chunk, units FROM {table} ORDER BY chunk");
        while (chunks.Read())
        {
            var chunk = chunks.GetInt64(0);
            var blob = chunks.GetBlob(1);
            foreach (var (offset, length) in SnapshotChunks.Units(blob))
            {
                units.Add(new(PushedUnit.ReadHeader(blob.Slice(offset, length)), chunk, offset, length));
            }
        }

        return new(snapshotId, [.. units]);
    }
}
