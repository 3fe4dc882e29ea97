using Google.Protobuf;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;

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

    /// <returns>Whether the row was written.</returns>
    public bool Write(UnitRevision unit)
    {
        _code.Value = unit.Code;
        _revision.Value = unit.Revision;
        _county.Value = unit.County;
        _type.Value = (int)unit.Type;
        _version.Value = unit.Version;
        _retired.Value = unit.Retired ? 1 : 0;
        _area.Value = unit.AreaSquareMetres;
        _hash.Value = unit.ContentHash;
        _body.Value = unit.ToByteArray();
        return _command.ExecuteNonQuery() > 0;
    }

    // No declared type: each value binds as what it is (text, integer, real, blob).
    SqliteParameter Add(string name) => _command.Parameters.Add(new SqliteParameter { ParameterName = name });

    public void Dispose() => _command.Dispose();
}
