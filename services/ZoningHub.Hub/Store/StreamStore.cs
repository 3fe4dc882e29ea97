namespace ZoningHub.Hub.Store;

/// <summary>
/// Per-stream positions and counts for the status API. Quarantine counts are of open entries, as the status's
/// <c>quarantineOpen</c>: one replayed to the end or dismissed needs nothing more, so it does not mark its stream bad.
/// </summary>
public sealed class StreamStore(HubDatabase database)
{
    public IReadOnlyList<StreamRecord> All()
    {
        using var connection = database.Open();
        return connection.Query(null, $"""
            SELECT s.stream, s.department, s.layers, s.last_sequence, s.last_seen,
                   (SELECT COUNT(*) FROM quarantine q WHERE q.stream = s.stream AND {QuarantineStore.IsOpen}),
                   (SELECT COUNT(*) FROM held_change_sets h WHERE h.stream = s.stream)
            FROM streams s ORDER BY s.stream
            """, r => new StreamRecord(r.GetString(0), r.GetString(1),
                r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetInt64(3),
                r.IsDBNull(4) ? null : DateTimeOffset.Parse(r.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
                r.GetInt64(5), r.GetInt64(6)));
    }

    public long ActiveUnits()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT COUNT(*) FROM units WHERE retired = 0");
    }

    /// <summary>Counties marked by intake and not yet re-derived: derivation's backlog.</summary>
    public long PendingCounties()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT COUNT(*) FROM marked_counties");
    }

    public long QuarantinedWithoutStream()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, $"SELECT COUNT(*) FROM quarantine WHERE stream NOT IN (SELECT stream FROM streams) AND {QuarantineStore.IsOpen}");
    }
}
