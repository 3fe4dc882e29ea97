using Microsoft.Data.Sqlite;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>
/// Renames what a store from before <see cref="InboxSource"/> knew inbox files by (their paths) to their layer and name,
/// so an upgraded adapter takes none of the exports still in its inbox again, however the inbox is reached now, and
/// its record of exports taken and refused names them as the new ones are named.
/// </summary>
static class InboxSourceMigration
{
    public static void Run(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        // Oldest taken first: where an inbox reached by two paths left a file known twice, what was taken last stands.
        var recorded = connection.Query(tx, """
            SELECT s.source, s.hash FROM export_sources s LEFT JOIN exports e ON e.hash = s.hash ORDER BY e.processed_at, s.source
            """, r => (Source: r.GetString(0), Hash: r.GetString(1), Now: InboxSource.FromRecorded(r.GetString(0))));
        var renamed = recorded.Where(r => r.Now != r.Source).ToList();

        // What exports were taken or refused from, as the status and the refused-export listing show it: by the same name.
        var paths = connection.Query(tx, "SELECT DISTINCT path FROM exports", r => r.GetString(0));
        foreach (var path in paths.Where(p => InboxSource.FromRecorded(p) != p))
        {
            connection.Execute(tx, "UPDATE exports SET path = $now WHERE path = $path", ("$now", InboxSource.FromRecorded(path)), ("$path", path));
        }

        foreach (var source in renamed)
        {
            connection.Execute(tx, "DELETE FROM export_sources WHERE source = $s", ("$s", source.Source));
        }

        foreach (var latest in recorded.GroupBy(r => r.Now).Where(g => g.Any(r => r.Now != r.Source)).Select(g => g.Last()))
        {
            connection.Execute(tx, "INSERT OR REPLACE INTO export_sources (source, hash) VALUES ($s, $h)", ("$s", latest.Now), ("$h", latest.Hash));
        }

        tx.Commit();
    }
}
