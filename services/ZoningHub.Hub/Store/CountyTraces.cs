using Microsoft.Data.Sqlite;

namespace ZoningHub.Hub.Store;

/// <summary>
/// The traces of the changes that marked a county since its last derivation, each with the mark generation it
/// came at, so a derivation clears only the traces it has seen. Bounded per county: while derivation is held up
/// (failing, or a rebuild), the oldest give way and are counted, rather than the table growing without end.
/// </summary>
static class CountyTraces
{
    public const int PerCounty = 32;

    public static void Add(SqliteConnection c, SqliteTransaction tx, string county, string traceParent, long generation)
    {
        c.Execute(tx, """
            INSERT INTO county_traces (county, trace_parent, generation) VALUES ($c, $tp, $g)
            ON CONFLICT (county, trace_parent) DO UPDATE SET generation = $g
            """, ("$c", county), ("$tp", traceParent), ("$g", generation));
        var dropped = c.Execute(tx, """
            DELETE FROM county_traces WHERE county = $c AND trace_parent IN (
                SELECT trace_parent FROM county_traces WHERE county = $c ORDER BY generation DESC LIMIT -1 OFFSET $max)
            """, ("$c", county), ("$max", PerCounty));
        if (dropped > 0)
        {
            c.Execute(tx, "UPDATE marked_counties SET traces_dropped = traces_dropped + $n WHERE county = $c", ("$c", county), ("$n", dropped));
        }
    }

    /// <summary>Forgets the traces a derivation of the county at <paramref name="mark"/>'s generation has served.</summary>
    public static void Release(SqliteConnection c, SqliteTransaction tx, MarkedCounty mark)
    {
        c.Execute(tx, "DELETE FROM county_traces WHERE county = $c AND generation <= $g", ("$c", mark.County), ("$g", mark.Generation));
        if (mark.TracesDropped > 0)
        {
            // The mark stays when the county was marked again meanwhile: it keeps only the drops this derivation did not report.
            c.Execute(tx, "UPDATE marked_counties SET traces_dropped = MAX(0, traces_dropped - $n) WHERE county = $c",
                ("$c", mark.County), ("$n", mark.TracesDropped));
        }
    }

    /// <summary>
    /// Stores written before this table kept one trace per marked county, on the mark itself: moved here once, so
    /// counties marked before an upgrade keep their trace.
    /// </summary>
    public static void MigrateFromMarks(SqliteConnection c)
    {
        c.Execute(null, """
            INSERT OR IGNORE INTO county_traces (county, trace_parent, generation)
            SELECT county, trace_parent, generation FROM marked_counties WHERE trace_parent IS NOT NULL;
            UPDATE marked_counties SET trace_parent = NULL WHERE trace_parent IS NOT NULL;
            """);
    }
}
