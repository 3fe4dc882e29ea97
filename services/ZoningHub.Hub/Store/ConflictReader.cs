using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Store;

/// <summary>Conflicts for the read side.</summary>
public sealed class ConflictReader(HubDatabase database)
{
    /// <summary>
    /// The conflicts (open ones, or every period of every conflict) in the order they opened, read as they are asked
    /// for: a national listing with its geometries is written to the response one conflict at a time.
    /// </summary>
    /// <remarks>
    /// Only the filters given are written (<see cref="UnitListingFilter"/> says why), an area as its range of county codes
    /// (<see cref="CountyRange"/>): "$p IS NULL OR substr(county, 1, 2) = $p" read every conflict, geometry and all, whatever was asked. On the
    /// benchmark's national store (10,081 conflicts) a county's open ones took 0.78 ms so, against 0.04 ms, and a
    /// province's 5.1 ms against 3.3 ms.
    /// </remarks>
    public IEnumerable<ConflictRecord> Stream(bool openOnly, string? province, string? county)
    {
        var (inArea, parameters) = CountyRange.Of(county ?? province);
        var open = openOnly ? "resolved_revision IS NULL" : "1";
        return database.Stream($"SELECT {ConflictRows.Columns} FROM conflicts WHERE {open} AND {inArea} ORDER BY opened_revision",
            ConflictRows.Map, parameters);
    }

    public long OpenCount()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT COUNT(*) FROM conflicts WHERE resolved_revision IS NULL");
    }
}
