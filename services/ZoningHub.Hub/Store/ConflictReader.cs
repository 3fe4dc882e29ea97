namespace ZoningHub.Hub.Store;

/// <summary>Conflicts for the read side.</summary>
public sealed class ConflictReader(HubDatabase database)
{
    /// <summary>
    /// The conflicts (open ones, or every period of every conflict) in the order they opened, read as they are asked
    /// for: a national listing with its geometries is written to the response one conflict at a time.
    /// </summary>
    public IEnumerable<ConflictRecord> Stream(bool openOnly, string? province, string? county) => database.Stream($"""
        SELECT {ConflictRows.Columns} FROM conflicts
        WHERE ($open = 0 OR resolved_revision IS NULL) AND ($p IS NULL OR substr(county, 1, 2) = $p) AND ($c IS NULL OR county = $c)
        ORDER BY opened_revision
        """, ConflictRows.Map, ("$open", openOnly ? 1 : 0), ("$p", province), ("$c", county));

    public long OpenCount()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT COUNT(*) FROM conflicts WHERE resolved_revision IS NULL");
    }
}
