using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Store;

/// <summary>
/// Writes pushed units into one table inside the connection's transaction with a single statement prepared once:
/// a snapshot is tens of thousands of rows, and the per-row cost of the statement is most of a snapshot's writing.
/// </summary>
sealed class UnitWriter : IDisposable
{
    readonly SqliteStatement _statement;

    /// <param name="onlyNewer">Write over a held unit only with a newer revision, so a redelivered batch changes nothing.</param>
    public UnitWriter(SqliteConnection connection, string table, bool onlyNewer) => _statement = new(connection, $"""
        INSERT INTO {table} (code, revision, county, type, version, retired, area, content_hash, body)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
        ON CONFLICT (code) DO UPDATE SET revision = ?2, county = ?3, type = ?4, version = ?5, retired = ?6,
            area = ?7, content_hash = ?8, body = ?9
        {(onlyNewer ? $"WHERE excluded.revision > {table}.revision" : "")}
        """);

    /// <summary>Writes a unit as it was pushed: its encoding, and the fields queries filter on.</summary>
    /// <returns>Whether the row was written.</returns>
    public bool Write(PushedUnit unit)
    {
        var header = unit.Header;
        return _statement.Bind(1, header.Code).Bind(2, header.Revision).Bind(3, header.County).Bind(4, header.Type)
            .Bind(5, header.Version).Bind(6, header.Retired ? 1 : 0).Bind(7, header.AreaSquareMetres).Bind(8, header.ContentHash)
            .Bind(9, unit.Encoded.Span).Execute() > 0;
    }

    public void Dispose() => _statement.Dispose();
}
