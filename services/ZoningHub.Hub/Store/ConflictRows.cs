using System.Globalization;
using Microsoft.Data.Sqlite;
using ZoningHub.Geo;
using ZoningHub.Hub.Core.Conflicts;

namespace ZoningHub.Hub.Store;

/// <summary>
/// Conflict lifecycle inside the derivation transaction: open what is new, record a new extent of what stays, resolve
/// what is gone. Each is a revision, so subscribers and the log see every extent a conflict had.
/// </summary>
static class ConflictRows
{
    public const string Columns = "id, rule, feature_a, feature_b, county, geometry, area, opened_revision, opened_at, resolved_revision, resolved_at, changed_revision, changed_at";

    public static List<ConflictRecord> Commit(SqliteConnection c, SqliteTransaction tx, string county, IReadOnlyList<DetectedConflict> detected)
    {
        var open = Query(c, tx, "WHERE county = $c AND resolved_revision IS NULL", ("$c", county)).ToDictionary(r => r.Id);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var changed = new List<ConflictRecord>();
        foreach (var conflict in detected.DistinctBy(d => d.Id))
        {
            if (open.Remove(conflict.Id, out var known))
            {
                // Still there: its period goes on, but a new extent is news to whoever holds the one it opened with.
                // Compared as shapes: the same polygon sent again with its rings begun at another corner is no new extent.
                // The bytes first, which settle the common case (nothing moved) without reading and normalising both.
                var wkb = GeoContext.WriteWkb(conflict.Geometry);
                if (known.GeometryWkb.AsSpan().SequenceEqual(wkb)
                    || GeoContext.ReadWkb(known.GeometryWkb).Normalized().EqualsExact(conflict.Geometry.Normalized()))
                {
                    continue;
                }

                var changedRevision = Revisions.Next(c, tx);
                c.Execute(tx, "UPDATE conflicts SET geometry = $g, area = $a, changed_revision = $cr, changed_at = $t WHERE id = $id AND opened_revision = $r",
                    ("$g", wkb), ("$a", conflict.AreaSquareMetres), ("$cr", changedRevision), ("$t", now), ("$id", known.Id), ("$r", known.OpenedRevision));
                changed.Add(known with
                {
                    GeometryWkb = wkb, AreaSquareMetres = conflict.AreaSquareMetres, ChangedRevision = changedRevision,
                    ChangedAt = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture),
                });
                continue;
            }

            var revision = Revisions.Next(c, tx);
            c.Execute(tx, $"INSERT INTO conflicts ({Columns}) VALUES ($id, $rule, $a, $b, $county, $g, $area, $r, $t, NULL, NULL, NULL, NULL)",
                ("$id", conflict.Id), ("$rule", conflict.Rule), ("$a", conflict.FeatureA), ("$b", conflict.FeatureB), ("$county", county),
                ("$g", GeoContext.WriteWkb(conflict.Geometry)), ("$area", conflict.AreaSquareMetres), ("$r", revision), ("$t", now));
            changed.Add(Query(c, tx, "WHERE id = $id AND opened_revision = $r", ("$id", conflict.Id), ("$r", revision)).Single());
        }

        foreach (var gone in open.Values)
        {
            var revision = Revisions.Next(c, tx);
            c.Execute(tx, "UPDATE conflicts SET resolved_revision = $r, resolved_at = $t WHERE id = $id AND opened_revision = $o",
                ("$r", revision), ("$t", now), ("$id", gone.Id), ("$o", gone.OpenedRevision));
            changed.Add(gone with { ResolvedRevision = revision, ResolvedAt = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture) });
        }

        return changed;
    }

    public static List<ConflictRecord> Query(SqliteConnection c, SqliteTransaction? tx, string where, params (string, object?)[] parameters) =>
        c.Query(tx, $"SELECT {Columns} FROM conflicts {where} ORDER BY opened_revision", Map, parameters);

    /// <summary>A row of <see cref="Columns"/>.</summary>
    public static ConflictRecord Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (byte[])r[5], r.GetDouble(6), r.GetInt64(7),
        DateTimeOffset.Parse(r.GetString(8), CultureInfo.InvariantCulture),
        r.IsDBNull(9) ? null : r.GetInt64(9),
        r.IsDBNull(10) ? null : DateTimeOffset.Parse(r.GetString(10), CultureInfo.InvariantCulture),
        r.IsDBNull(11) ? null : r.GetInt64(11),
        r.IsDBNull(12) ? null : DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture));
}
