using Microsoft.Data.Sqlite;
using ZoningHub.Hub.Core;

namespace ZoningHub.Hub.Store;

/// <summary>
/// Marks the counties a change touches for re-derivation, inside the intake transaction. Each mark bumps a
/// generation, so derivation only clears marks it has seen and a change landing mid-derivation is kept.
/// Every change's trace is kept with the county until a derivation has seen it (<see cref="CountyTraces"/>), so
/// the derivation that serves many change sets is in, or linked from, each of their traces.
/// </summary>
sealed class CountyMarks(SqliteConnection connection, SqliteTransaction transaction, string? traceParent)
{
    readonly HashSet<string> _marked = new(StringComparer.Ordinal);

    public int Count => _marked.Count;

    /// <summary>Marks the counties under the feature's stored area (call before and after changing it).</summary>
    public void MarkFeatureArea(string layer, string id)
    {
        var counties = layer == Layers.AdminDivision
            ? connection.Query(transaction, "SELECT county FROM features WHERE layer = $l AND id = $i AND county IS NOT NULL",
                r => r.GetString(0), ("$l", layer), ("$i", id))
            : connection.Query(transaction, """
                SELECT c.county FROM features f JOIN features c
                  ON c.layer = $admin AND c.max_x >= f.min_x AND c.min_x <= f.max_x AND c.max_y >= f.min_y AND c.min_y <= f.max_y
                WHERE f.layer = $l AND f.id = $i AND c.county IS NOT NULL
                """, r => r.GetString(0), ("$admin", Layers.AdminDivision), ("$l", layer), ("$i", id));
        foreach (var county in counties)
        {
            Mark(county);
        }
    }

    void Mark(string county)
    {
        var generation = connection.Scalar<long>(transaction, """
            INSERT INTO marked_counties (county, generation) VALUES ($c, 1)
            ON CONFLICT (county) DO UPDATE SET generation = generation + 1
            RETURNING generation
            """, ("$c", county));
        // Once per county and change: the transaction commits whole, so a derivation sees this trace with a
        // generation at least as high as the one kept with it.
        if (_marked.Add(county) && traceParent is not null)
        {
            CountyTraces.Add(connection, transaction, county, traceParent, generation);
        }
    }
}
