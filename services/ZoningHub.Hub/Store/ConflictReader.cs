namespace ZoningHub.Hub.Store;

/// <summary>Conflicts for the read side.</summary>
public sealed class ConflictReader(HubDatabase database)
{
    public IReadOnlyList<ConflictRecord> List(bool openOnly, string? province, string? county)
    {
        using var connection = database.Open();
        return ConflictRows.Query(connection, null, """
            WHERE ($open = 0 OR resolved_revision IS NULL) AND ($p IS NULL OR substr(county, 1, 2) = $p) AND ($c IS NULL OR county = $c)
            """, ("$open", openOnly ? 1 : 0), ("$p", province), ("$c", county));
    }

    public long OpenCount()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT COUNT(*) FROM conflicts WHERE resolved_revision IS NULL");
    }
}
