using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;
using ZoningHub.Contracts.Grpc.Push.V1;
using UnitCodes = ZoningHub.Hub.Core.Derivation.UnitCodes;
using UnitListingFilter = ZoningHub.Hub.Core.Derivation.UnitListingFilter;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Store;

/// <summary>
/// What local users read: the units the node holds, as the hub pushed them. They are its base (the last snapshot,
/// indexed in memory) and the units pushed since (the <c>units</c> table, filtered in SQL), each of which stands for
/// the base's unit with its code; the two are merged in code order, and only the units returned are parsed.
/// </summary>
public sealed class NodeUnitReader(NodeDatabase database)
{
    /// <summary>
    /// Active units in code order; a null filter matches everything, and a page reads its rows after its code.
    /// Province and county are assumed well-formed. Read lazily, in one read transaction: a listing writes each unit
    /// out before the next is read, rather than holding a national scope in memory.
    /// </summary>
    public IEnumerable<UnitRevision> Active(string? province, string? county, UnitType? type, UnitPage page = default)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var held = database.Base(connection, tx);
        using var pushedSince = new PushedCodes(connection, tx, county ?? province, page.After);
        using var bodies = new BaseBodies(connection, database.Chunks, held);
        using var fromBase = held.Active(province, county, type is null ? null : (int)type, page.After)
            .Where(u => !pushedSince.Holds(u.Header.Code)).GetEnumerator();
        var (sql, parameters) = ActiveQuery(province, county, type, page);
        using var command = connection.Command(tx, sql, parameters);
        using var pushed = command.ExecuteReader();
        var (hasBase, hasPushed) = (fromBase.MoveNext(), pushed.Read());
        for (var left = page.RowsToRead; left != 0 && (hasBase || hasPushed); left--)
        {
            if (hasBase && (!hasPushed || string.CompareOrdinal(fromBase.Current.Header.Code, pushed.GetString(0)) < 0))
            {
                yield return bodies.Read(fromBase.Current);
                hasBase = fromBase.MoveNext();
            }
            else
            {
                yield return UnitRevision.Parser.ParseFrom((byte[])pushed[1]);
                hasPushed = pushed.Read();
            }
        }
    }

    /// <summary>The statement <see cref="Active"/> runs on the units pushed since the base, and its parameters.</summary>
    internal static (string Sql, (string, object?)[] Parameters) ActiveQuery(string? province, string? county, UnitType? type, UnitPage page)
    {
        var (where, parameters) = UnitListingFilter.Of("", province, county, type is null ? null : (int)type, page.After);
        return ($"SELECT code, body FROM units WHERE {where} ORDER BY code LIMIT $n", [.. parameters, ("$n", page.RowsToRead)]);
    }

    /// <summary>The unit's current version, retired or not; null when the node holds no unit with that code.</summary>
    public UnitRevision? Find(string code)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        var pushed = connection.Query(tx, "SELECT body FROM units WHERE code = $code", r => (byte[])r[0], ("$code", code));
        if (pushed.Count > 0)
        {
            return UnitRevision.Parser.ParseFrom(pushed[0]);
        }

        var held = database.Base(connection, tx);
        using var bodies = new BaseBodies(connection, database.Chunks, held);
        return held.Find(code) is { } unit ? bodies.Read(unit) : null;
    }

    /// <summary>
    /// The codes of the units table in the listing's range, read in code order as far as the base's units asked about
    /// (which come in code order): whatever the filters, a row there stands for the base's unit with its code.
    /// </summary>
    sealed class PushedCodes : IDisposable
    {
        readonly SqliteCommand _command;
        readonly SqliteDataReader _codes;
        string? _current;

        public PushedCodes(SqliteConnection connection, SqliteTransaction tx, string? area, string? after)
        {
            var (from, before) = area is null ? ("", null) : UnitCodes.Range(area);
            _command = before is null
                ? connection.Command(tx, "SELECT code FROM units WHERE code > $after ORDER BY code", ("$after", after ?? ""))
                : connection.Command(tx, "SELECT code FROM units WHERE code >= $from AND code < $before AND code > $after ORDER BY code",
                    ("$from", from), ("$before", before), ("$after", after ?? ""));
            _codes = _command.ExecuteReader();
            _current = _codes.Read() ? _codes.GetString(0) : null;
        }

        /// <summary>Whether the units table holds <paramref name="code"/>; asked in ascending code order.</summary>
        public bool Holds(string code)
        {
            while (_current is not null && string.CompareOrdinal(_current, code) < 0)
            {
                _current = _codes.Read() ? _codes.GetString(0) : null;
            }

            return _current == code;
        }

        public void Dispose()
        {
            _codes.Dispose();
            _command.Dispose();
        }
    }

    /// <summary>
    /// Reads base units' encodings: from the base's file, opened as the reading begins (its transaction has just read
    /// which base it sees) and held to its end, so that a completion removing the file meanwhile takes nothing from it;
    /// or from a chunk's row in a base taken before chunk files, its blob kept open while units follow from it.
    /// </summary>
    sealed class BaseBodies(SqliteConnection connection, ChunkFiles files, BaseUnits held) : IDisposable
    {
        readonly SafeFileHandle? _file = held.SnapshotId.Length == 0 ? null : ChunkFiles.OpenRead(files.PathOf(held.Number, held.SnapshotId));
        SqliteBlob? _chunk;
        long _number;

        public UnitRevision Read(BaseUnit unit)
        {
            var encoded = new byte[unit.Length];
            if (unit.InFile)
            {
                if (_file is null || !ChunkFiles.TryRead(_file, encoded, unit.Offset))
                {
                    throw new IOException($"Unit {unit.Header.Code} is missing from its base's file {files.PathOf(held.Number, held.SnapshotId)}, which was "
                        + "removed or cut short: the node's digest, read from disk, now differs from the hub's, which sends a snapshot.");
                }

                return UnitRevision.Parser.ParseFrom(encoded);
            }

            if (_chunk is null || _number != unit.Chunk)
            {
                _chunk?.Dispose();
                (_chunk, _number) = (new SqliteBlob(connection, "base_chunks", "units", unit.Chunk, readOnly: true), unit.Chunk);
            }

            _chunk.Position = unit.Offset;
            _chunk.ReadExactly(encoded);
            return UnitRevision.Parser.ParseFrom(encoded);
        }

        public void Dispose()
        {
            _file?.Dispose();
            _chunk?.Dispose();
        }
    }
}
