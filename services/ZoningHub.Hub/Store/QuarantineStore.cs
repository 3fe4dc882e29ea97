using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>Refused input, kept with its reasons for operators to see and replay (DESIGN §5).</summary>
public sealed class QuarantineStore(HubDatabase database)
{
    /// <summary>An entry neither replayed to the end nor dismissed (a condition on the <c>quarantine</c> table's columns).</summary>
    internal const string IsOpen = "(replayed_at IS NULL AND dismissed_at IS NULL)";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Quarantines a whole change set in a transaction of its own.</summary>
    public long Add(ChangeSetPublished changeSet, IReadOnlyList<Rejection> reasons, string body) =>
        Add(changeSet, reasons, body, ChangeSetFingerprint.Of(changeSet), deliveredBy: null).Id;

    /// <inheritdoc cref="Add(SqliteConnection, SqliteTransaction, ChangeSetPublished, string, IReadOnlyList{Rejection}, string, string, string?)"/>
    public (long Id, bool HeldBefore) Add(ChangeSetPublished changeSet, IReadOnlyList<Rejection> reasons, string body, string fingerprint, string? deliveredBy)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var added = Add(connection, tx, changeSet, QuarantineScopes.ChangeSet, reasons, body, fingerprint, deliveredBy);
            tx.Commit();
            return added;
        }
    }

    /// <summary>
    /// Keeps refused input, once: the broker delivers at least once, so the same change set refused under the same rules
    /// comes again, and an entry still open holds it already. Each entry added is announced.
    /// </summary>
    /// <param name="deliveredBy">The department whose exchange it came through, where the transport tells.</param>
    /// <returns>The entry's id, and whether it was open already (the input delivered again) rather than added now.</returns>
    public (long Id, bool HeldBefore) Add(SqliteConnection c, SqliteTransaction tx, ChangeSetPublished cs, string scope, IReadOnlyList<Rejection> reasons,
        string body, string fingerprint, string? deliveredBy = null) =>
        OpenEntryFor(c, tx, fingerprint, reasons) is { } open ? (open, true) : (c.Scalar<long>(tx, """
            INSERT INTO quarantine (stream, sequence, department, layer, scope, reasons, body, received_at, announced, fingerprint, publisher)
            VALUES ($s, $q, $d, $l, $scope, $r, $b, $t, 0, $f, $p) RETURNING id
            """, ("$s", cs.Stream), ("$q", cs.Sequence), ("$d", cs.Department), ("$l", cs.Layer), ("$scope", scope),
            ("$r", JsonSerializer.Serialize(reasons, Json)), ("$b", body), ("$t", SqliteExtensions.Now()), ("$f", fingerprint),
            ("$p", Publisher(cs, deliveredBy))), false);

    /// <summary>
    /// The department that published it, whose rejection exchange hears of the refusal (DESIGN §5): the one whose exchange
    /// it came through, where the transport tells, otherwise the one it names, if that is a department. Not the stream's:
    /// a change set refused for naming another department's stream or exchange came from elsewhere.
    /// </summary>
    static string? Publisher(ChangeSetPublished cs, string? deliveredBy) =>
        deliveredBy ?? (LayerCatalog.IsKnownDepartment(cs.Department) ? cs.Department : null);

    static long? OpenEntryFor(SqliteConnection c, SqliteTransaction tx, string fingerprint, IReadOnlyList<Rejection> reasons)
    {
        var rules = Rules(reasons);
        return c.Query(tx, $"SELECT id, reasons FROM quarantine WHERE fingerprint = $f AND {IsOpen} ORDER BY id",
                r => (Id: r.GetInt64(0), Rules: Rules(JsonSerializer.Deserialize<List<Rejection>>(r.GetString(1), Json) ?? [])), ("$f", fingerprint))
            .Where(entry => entry.Rules == rules).Select(entry => (long?)entry.Id).FirstOrDefault();
    }

    static string Rules(IEnumerable<Rejection> reasons) => string.Join(',', reasons.Select(r => r.Rule).Distinct().Order(StringComparer.Ordinal));

    /// <summary>
    /// Takes the entry for one replay, if it is still as <paramref name="seen"/> read it: open, and not replayed since.
    /// Two operators pressing replay at once get one replay; the other finds it taken.
    /// </summary>
    public bool Claim(SqliteConnection c, SqliteTransaction tx, QuarantineRecord seen) =>
        c.Execute(tx, $"UPDATE quarantine SET attempts = attempts + 1 WHERE id = $id AND attempts = $seen AND {IsOpen}",
            ("$id", seen.Id), ("$seen", seen.Attempts)) == 1;

    /// <summary>
    /// Keeps what a replay did. An entry with nothing refused any more is closed; otherwise it stays open with today's
    /// reasons, in <paramref name="scope"/>, so the next replay, after the next fix, takes just what is still refused.
    /// </summary>
    public void RecordReplay(SqliteConnection c, SqliteTransaction tx, long id, ReplayResult result, string scope) =>
        c.Execute(tx, result.StillRejected.Count == 0
                ? "UPDATE quarantine SET replayed_at = $t, replay_result = $r WHERE id = $id"
                : "UPDATE quarantine SET replay_result = $r, reasons = $reasons, scope = $scope WHERE id = $id",
            ("$t", SqliteExtensions.Now()), ("$r", JsonSerializer.Serialize(result, Json)), ("$id", id),
            ("$reasons", JsonSerializer.Serialize(result.StillRejected, Json)), ("$scope", scope));

    /// <summary>
    /// Closes an open entry that no replay will lift (a fault in the department's own data, an alarm looked into):
    /// it is kept with its reasons, as evidence, and no longer counted open.
    /// </summary>
    /// <returns>False when the entry was closed already.</returns>
    public bool Dismiss(long id)
    {
        using var connection = database.Open();
        return connection.Execute(null, $"UPDATE quarantine SET dismissed_at = $t WHERE id = $id AND {IsOpen}",
            ("$t", SqliteExtensions.Now()), ("$id", id)) == 1;
    }

    /// <summary>
    /// The change set an entry keeps, as it came: a department's own data (redlines, projects' sites), so it is not in the
    /// quarantine's listing, which anyone who can see the dashboard reads, but given only to an operator
    /// (GET /api/quarantine/{id}/body) and read for a replay. Read alone: listing a thousand entries read every change set.
    /// </summary>
    public string? Body(long id)
    {
        using var connection = database.Open();
        return connection.Scalar<string>(null, "SELECT body FROM quarantine WHERE id = $id", ("$id", id));
    }

    public QuarantineRecord? Find(long id) => Read("WHERE id = $id", ("$id", id)) is [var record] ? record : null;

    /// <summary>The newest entries; with <paramref name="openOnly"/>, those neither replayed to the end nor dismissed.</summary>
    public IReadOnlyList<QuarantineRecord> List(int limit, bool openOnly = false) =>
        Read($"WHERE $open = 0 OR {IsOpen} ORDER BY id DESC LIMIT $n", ("$n", limit), ("$open", openOnly ? 1 : 0));

    /// <summary>Entries neither replayed to the end nor dismissed.</summary>
    public long OpenCount()
    {
        using var connection = database.Open();
        return connection.Scalar<long>(null, $"SELECT COUNT(*) FROM quarantine WHERE {IsOpen}");
    }

    /// <summary>
    /// Entries whose <c>ChangeSetRejected</c> event is not yet out, oldest first. The entry and this mark are written in
    /// intake's transaction, and the event is published after it commits: a publish that fails (the broker connection
    /// dropped) leaves the mark, and the event goes out at the next round instead of being lost with the retried batch.
    /// </summary>
    public IReadOnlyList<QuarantineRecord> Unannounced(int limit) => Read("WHERE announced = 0 ORDER BY id LIMIT $n", ("$n", limit));

    /// <summary>Records that an entry's rejection event was published.</summary>
    public void Announced(long id)
    {
        using var connection = database.Open();
        connection.Execute(null, "UPDATE quarantine SET announced = 1 WHERE id = $id", ("$id", id));
    }

    IReadOnlyList<QuarantineRecord> Read(string clause, params (string, object?)[] parameters)
    {
        using var connection = database.Open();
        return connection.Query(null, $"""
            SELECT id, stream, sequence, department, layer, scope, reasons, received_at, replayed_at, attempts, dismissed_at, publisher, replay_place
            FROM quarantine {clause}
            """, r => new QuarantineRecord(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetString(5),
                JsonSerializer.Deserialize<List<Rejection>>(r.GetString(6), Json) ?? [],
                r.Time(7)!.Value, r.Time(8), r.GetInt32(9), r.Time(10))
            {
                Publisher = r.IsDBNull(11) ? null : r.GetString(11),
                ReplayPlace = r.IsDBNull(12) ? null : r.GetInt64(12),
            },
            parameters);
    }
}
