using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>
/// The derivation stage (DESIGN §5): drains marked counties and commits their new unit versions, log
/// entries, the events that tell of them and cleared marks in one transaction.
/// </summary>
public sealed class DerivationStore(HubDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The counties marked longest ago first: a mark keeps its place while it is marked again before a pass takes it,
    /// and one marked again while a pass derives it goes to the back (<see cref="Commit"/>), so counties that change all
    /// the time cannot keep the others waiting.
    /// </summary>
    public IReadOnlyList<MarkedCounty> Marked(int limit)
    {
        using var connection = database.Open();
        var rows = connection.Query(null, """
            SELECT m.county, m.generation, m.traces_dropped, t.trace_parent
            FROM (SELECT rowid AS position, county, generation, traces_dropped FROM marked_counties ORDER BY rowid LIMIT $n) m
            LEFT JOIN county_traces t ON t.county = m.county
            ORDER BY m.position, t.generation
            """, r => (County: r.GetString(0), Generation: r.GetInt64(1), Dropped: r.GetInt32(2), Trace: r.IsDBNull(3) ? null : r.GetString(3)),
            ("$n", limit));
        return [.. rows.GroupBy(r => (r.County, r.Generation, r.Dropped))
            .Select(g => new MarkedCounty(g.Key.County, g.Key.Generation, [.. g.Select(r => r.Trace).OfType<string>()], g.Key.Dropped))];
    }

    /// <summary>A full rebuild: marks every county with a boundary, so derivation re-derives everything from the stored sources.</summary>
    public int MarkAllCounties()
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var marked = connection.Execute(tx, """
                INSERT INTO marked_counties (county, generation)
                SELECT DISTINCT county, 1 FROM features WHERE layer = $l AND county IS NOT NULL
                ON CONFLICT (county) DO UPDATE SET generation = generation + 1
                """, ("$l", Layers.AdminDivision));
            tx.Commit();
            return marked;
        }
    }

    /// <summary>Counties whose last derivation failed, with the error: for operators, in <c>/api/status</c>.</summary>
    public IReadOnlyList<DerivationFailure> Failures(int limit)
    {
        using var connection = database.Open();
        return connection.Query(null, "SELECT county, error, failed_at FROM derivation_failures ORDER BY county LIMIT $n",
            r => new DerivationFailure(r.GetString(0), r.GetString(1), r.GetString(2)), ("$n", limit));
    }

    /// <summary>How many counties' last derivation failed: <see cref="Failures"/> lists only the first ones.</summary>
    public long FailureCount()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, "SELECT COUNT(*) FROM derivation_failures");
    }

    /// <summary>Whether derivation has caught up with intake.</summary>
    public bool IsDrained() => Marked(1).Count == 0;

    /// <summary>The county's boundary and the features that may overlap it; null when the county has no boundary.</summary>
    public (SourceFeature County, List<SourceFeature> Overlapping)? LoadSources(string county)
    {
        using var connection = database.Open();
        // One read transaction: an intake commit between the two reads would have the county derived from a boundary and
        // features that never stood together, and its units and conflicts logged for a state that never was.
        using var tx = connection.BeginTransaction(deferred: true);
        var boundary = FeatureRows.FindCounty(connection, tx, county);
        return boundary is null ? null : (boundary, FeatureRows.Overlapping(connection, tx, boundary));
    }

    /// <summary>
    /// Appends what changed for each county to the log and the conflict lifecycle, records the events that tell of it
    /// (<see cref="DerivationOutbox"/>), and clears the marks seen.
    /// </summary>
    /// <param name="traceParent">The derivation's span, kept with each log entry so its push continues the trace.</param>
    public DerivationCommit Commit(IReadOnlyList<CountyOutcome> outcomes, string? traceParent = null)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var units = new List<LoggedUnit>();
            var conflicts = new List<ConflictRecord>();
            var failures = new List<(string, string)>();
            foreach (var outcome in outcomes)
            {
                var failure = outcome.Failure;
                if (failure is null)
                {
                    // Each county in a savepoint of its own: one that cannot be stored (say, out of unit serials)
                    // is kept as a failure, and the counties beside it in the batch are committed.
                    connection.Execute(tx, "SAVEPOINT county");
                    try
                    {
                        var countyUnits = CommitCounty(connection, tx, outcome.Mark.County, outcome.Units, traceParent);
                        var countyConflicts = ConflictRows.Commit(connection, tx, outcome.Mark.County, outcome.Conflicts);
                        connection.Execute(tx, "DELETE FROM derivation_failures WHERE county = $c", ("$c", outcome.Mark.County));
                        connection.Execute(tx, "RELEASE county");
                        units.AddRange(countyUnits);
                        conflicts.AddRange(countyConflicts);
                    }
                    catch (Exception e) when (IsTheCountys(e))
                    {
                        connection.Execute(tx, "ROLLBACK TO county");
                        connection.Execute(tx, "RELEASE county");
                        failure = $"{e.GetType().Name}: {e.Message}";
                    }
                }

                if (failure is not null)
                {
                    failures.Add((outcome.Mark.County, failure));
                    // The county keeps its last units; the failure is shown in /api/status until a change to the
                    // county or a rebuild derives it again. Its mark is cleared so it does not hold up the others.
                    connection.Execute(tx, """
                        INSERT INTO derivation_failures (county, error, failed_at) VALUES ($c, $e, $t)
                        ON CONFLICT (county) DO UPDATE SET error = $e, failed_at = $t
                        """, ("$c", outcome.Mark.County), ("$e", failure), ("$t", SqliteExtensions.Now()));
                }

                if (connection.Execute(tx, "DELETE FROM marked_counties WHERE county = $c AND generation = $g",
                    ("$c", outcome.Mark.County), ("$g", outcome.Mark.Generation)) == 0)
                {
                    // Marked again while it was derived: to the back of the queue. Keeping its place, counties changed in every
                    // pass were taken first pass after pass, and the others marked with them waited as long as the changes went on.
                    connection.Execute(tx, "UPDATE marked_counties SET rowid = (SELECT MAX(rowid) + 1 FROM marked_counties) WHERE county = $c",
                        ("$c", outcome.Mark.County));
                }
                CountyTraces.Release(connection, tx, outcome.Mark);
            }

            DerivationOutbox.Record(connection, tx, units, conflicts, traceParent);
            tx.Commit();
            return new DerivationCommit(units, conflicts, failures);
        }
    }

    /// <summary>
    /// Whether storing a county failed for something of that county's (a rule of the domain, a constraint), which
    /// the next pass would meet again, rather than of the store (busy, full disk), which the next pass retries.
    /// </summary>
    static bool IsTheCountys(Exception e) => e is not SqliteException sqlite || sqlite.SqliteErrorCode == 19; // SQLITE_CONSTRAINT

    static List<LoggedUnit> CommitCounty(SqliteConnection c, SqliteTransaction tx, string county, IReadOnlyList<DerivedUnit> units, string? traceParent)
    {
        var held = c.Query(tx, "SELECT identity, code, version, content_hash, type, retired FROM units WHERE county = $c",
            r => (Identity: r.GetString(0), Code: r.GetString(1), Version: r.GetInt32(2), Hash: r.GetString(3), Type: (UnitType)r.GetInt32(4),
                Retired: r.GetInt32(5) == 1),
            ("$c", county));
        var current = held.Where(u => !u.Retired).ToDictionary(u => u.Identity);
        // A unit whose anchor comes back takes up its code where it was retired, so no version of a code is written twice.
        var retiredVersions = held.Where(u => u.Retired).ToDictionary(u => u.Identity, u => u.Version);
        var log = new List<LoggedUnit>();
        foreach (var unit in units)
        {
            current.Remove(unit.Identity.Key, out var existing);
            if (existing.Hash == unit.ContentHash)
            {
                continue;
            }

            var code = existing.Code ?? UnitRegistry.CodeFor(c, tx, unit.Identity);
            var version = (existing.Code is null ? retiredVersions.GetValueOrDefault(unit.Identity.Key) : existing.Version) + 1;
            log.Add(Append(c, tx, code, unit.Identity.Key, county, unit.Identity.Type, version, retired: false,
                GeoContext.WriteWkb(unit.Geometry), unit.AreaSquareMetres, unit.ContentHash, unit.Sources, unit.AccessList, traceParent));
        }

        // Units whose anchor disappeared are retired, never renumbered (DESIGN §3).
        foreach (var gone in current.Values)
        {
            log.Add(Append(c, tx, gone.Code, gone.Identity, county, gone.Type, gone.Version + 1, retired: true,
                null, 0, gone.Hash, [], [], traceParent));
        }

        return log;
    }

    static LoggedUnit Append(SqliteConnection c, SqliteTransaction tx, string code, string identity, string county, UnitType type, int version, bool retired,
        byte[]? wkb, double area, string hash, IReadOnlyList<string> sources, IReadOnlyList<AccessRule> access, string? traceParent)
    {
        var revision = Revisions.Next(c, tx);
        var logged = new LoggedUnit(revision, code, identity, county, type, version, retired, wkb, area, hash, sources, access, DateTimeOffset.UtcNow, traceParent);
        // The geometry is stored once, inside the encoding (UnitLogReader reads it from there).
        c.Execute(tx, """
            INSERT INTO unit_log (revision, code, identity, county, type, version, retired, area, content_hash, sources, access_list, revised_at, trace_parent)
            VALUES ($rev, $code, $id, $county, $type, $v, $r, $a, $h, $s, $acc, $t, $tp);
            INSERT INTO unit_messages (revision, message) VALUES ($rev, $m);
            """, ("$rev", revision), ("$code", code), ("$id", identity), ("$county", county), ("$type", (int)type), ("$v", version),
            ("$r", retired ? 1 : 0), ("$a", area), ("$h", hash), ("$s", JsonSerializer.Serialize(sources, Json)),
            ("$acc", JsonSerializer.Serialize(access, Json)), ("$t", logged.RevisedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("$tp", traceParent), ("$m", UnitMessages.Encode(logged)));
        c.Execute(tx, """
            INSERT INTO units (code, identity, county, type, version, revision, retired, content_hash)
            VALUES ($code, $id, $county, $type, $v, $rev, $r, $h)
            ON CONFLICT (code) DO UPDATE SET version = $v, revision = $rev, retired = $r, content_hash = $h
            """, ("$code", code), ("$id", identity), ("$county", county), ("$type", (int)type), ("$v", version),
            ("$rev", revision), ("$r", retired ? 1 : 0), ("$h", hash));
        return logged;
    }
}
