namespace ZoningHub.Hub.Store;

/// <summary>
/// Per-stream positions and counts for the status API. Quarantine counts are of open entries, as the status's
/// <c>quarantineOpen</c>: one replayed to the end or dismissed needs nothing more, so it does not mark its stream bad.
/// </summary>
public sealed class StreamStore(HubDatabase database)
{
    /// <summary>
    /// Every stream the hub has applied from or holds change sets of: one whose first change set has not come holds its
    /// later ones, and is listed so that what it waits for is seen.
    /// </summary>
    public IReadOnlyList<StreamRecord> All()
    {
        using var connection = database.Open();
        return connection.Query(null, $"""
            WITH known AS (
                SELECT stream, department, layers, last_sequence, last_seen FROM streams
                UNION ALL
                SELECT h.stream, json_extract(MIN(h.body), '$.department'), json_extract(MIN(h.body), '$.layer'), 0, NULL
                FROM held_change_sets h WHERE h.stream NOT IN (SELECT stream FROM streams) GROUP BY h.stream)
            SELECT s.stream, s.department, s.layers, s.last_sequence, s.last_seen,
                   (SELECT COUNT(*) FROM quarantine q WHERE q.stream = s.stream AND {QuarantineStore.IsOpen}),
                   COALESCE(h.held, 0), h.first, h.since
            FROM known s
            LEFT JOIN (SELECT stream, COUNT(*) AS held, MIN(sequence) AS first, MIN(received_at) AS since FROM held_change_sets GROUP BY stream) h
                ON h.stream = s.stream
            ORDER BY s.stream
            """, r => new StreamRecord(r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1),
                (r.IsDBNull(2) ? "" : r.GetString(2)).Split(',', StringSplitOptions.RemoveEmptyEntries), r.GetInt64(3), r.Time(4),
                r.GetInt64(5), r.GetInt64(6))
            {
                HeldFirst = r.IsDBNull(7) ? null : r.GetInt64(7),
                HeldSince = r.Time(8),
            });
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
        return connection.Scalar<long>(null, $"SELECT COUNT(*) FROM quarantine WHERE stream NOT IN (SELECT stream FROM streams UNION SELECT stream FROM held_change_sets) AND {QuarantineStore.IsOpen}");
    }
}
