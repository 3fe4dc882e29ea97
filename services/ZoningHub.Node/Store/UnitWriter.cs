using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace ZoningHub.Node.Store;

/// <summary>
/// Writes pushed units into one table inside one transaction with a single prepared statement: a snapshot
/// chunk holds hundreds of units, and preparing the statement for each was most of a chunk's cost.
/// </summary>
sealed class UnitWriter : IDisposable
{
    readonly SqliteCommand _command;
    readonly SqliteParameter _code, _revision, _county, _type, _version, _retired, _area, _hash, _body;

    /// <param name="onlyNewer">Write over a held unit only with a newer revision, so a redelivered batch changes nothing.</param>
    public UnitWriter(SqliteConnection connection, SqliteTransaction transaction, string table, bool onlyNewer)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"""
            INSERT INTO {table} (code, revision, county, type, version, retired, area, content_hash, body)
            VALUES ($code, $rev, $county, $type, $v, $r, $a, $h, $b)
            ON CONFLICT (code) DO UPDATE SET revision = $rev, county = $county, type = $type, version = $v, retired = $r,
                area = $a, content_hash = $h, body = $b
            {(onlyNewer ? $"WHERE excluded.revision > {table}.revision" : "")}
            """;
        (_code, _revision, _county, _type, _version, _retired, _area, _hash, _body) =
            (Add("$code"), Add("$rev"), Add("$county"), Add("$type"), Add("$v"), Add("$r"), Add("$a"), Add("$h"), Add("$b"));
        _command.Prepare();
    }

    /// <summary>Writes a unit as it was pushed: its encoding, and the fields queries filter on.</summary>
    /// <returns>Whether the row was written.</returns>
    public bool Write(PushedUnit unit)
    {
        var header = unit.Header;
        _code.Value = header.Code;
        _revision.Value = header.Revision;
        _county.Value = header.County;
        _type.Value = header.Type;
        _version.Value = header.Version;
        _retired.Value = header.Retired ? 1 : 0;
        _area.Value = header.AreaSquareMetres;
        _hash.Value = header.ContentHash;
        _body.Value = Array(unit.Encoded);
        return _command.ExecuteNonQuery() > 0;
    }

    // A parsed bytes field owns an array of exactly its length: bound as it is rather than copied.
    static byte[] Array(ByteString bytes) =>
        MemoryMarshal.TryGetArray(bytes.Memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToByteArray();

    // No declared type: each value binds as what it is (text, integer, real, blob).
    SqliteParameter Add(string name) => _command.Parameters.Add(new SqliteParameter { ParameterName = name });

    public void Dispose() => _command.Dispose();
}
