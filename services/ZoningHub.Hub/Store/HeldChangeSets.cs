using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Store;

/// <summary>
/// An operator's way out of a gap that will not close (DESIGN §5). Intake holds a change set that comes before the
/// numbers it follows and asks its adapter for them; one numbered far beyond anything the adapter will send (another
/// publisher's numbering, an adapter restored from elsewhere) would be held for good, and its gap asked for every few
/// minutes, every third time as a whole-stream snapshot. Taken out of the hold, the stream's held change sets are kept
/// in the quarantine, where they can be read, replayed or dismissed like any refused input, and their department hears
/// of it as of any refusal.
/// </summary>
public sealed class HeldChangeSets(HubDatabase database, QuarantineStore quarantine)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Moves the change sets <paramref name="stream"/> holds into the quarantine, in one transaction. A run that is next in
    /// its stream and in no snapshot series is left: it is being applied (the gap watcher read it, and applies it unless
    /// it has gone from the hold in between), and moved it would be both applied and quarantined.
    /// </summary>
    /// <returns>The stream's last applied number, and each change set moved with its quarantine entry; null for a stream the hub has never heard of.</returns>
    public (long LastSequence, IReadOnlyList<(long Sequence, long QuarantineId)> Quarantined)? Quarantine(string stream)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var known = connection.Scalar<long?>(tx, "SELECT last_sequence FROM streams WHERE stream = $s", ("$s", stream));
            var held = connection.Query(tx, """
                SELECT sequence, body, received_at, fingerprint, series_first, series_last FROM held_change_sets WHERE stream = $s ORDER BY sequence
                """, r => (Sequence: r.GetInt64(0), Body: r.GetString(1), ReceivedAt: r.GetString(2), Fingerprint: r.IsDBNull(3) ? null : r.GetString(3),
                    Series: r.IsDBNull(4) ? null : $"#{r.GetInt64(4)}–#{r.GetInt64(5)}"),
                ("$s", stream));
            if (known is null && held.Count == 0)
            {
                return null;
            }

            var last = known ?? 0;
            var ready = held.TakeWhile((h, i) => h.Sequence == last + 1 + i && h.Series is null).Count();
            var quarantined = new List<(long, long)>();
            foreach (var (sequence, body, receivedAt, fingerprint, series) in held.Skip(ready))
            {
                var changeSet = JsonSerializer.Deserialize<ChangeSetPublished>(body, Json)!;
                var waited = series is null
                    ? $"for numbers of stream '{stream}' before #{sequence} that did not come"
                    : $"until every member of its snapshot series {series} of stream '{stream}' came; they did not";
                var reason = ChangeSetValidator.Reject(RejectionRules.GapUnfilled, null,
                    $"Held since {receivedAt} {waited}. Taken out of the hold by an operator at {SqliteExtensions.Now()}, when the stream had applied up to "
                    + $"#{last}. Its changes are not applied: replay applies them as if they came then, where nothing the stream wrote since has replaced them; "
                    + "dismiss keeps it as a record. If the numbering was wrong, the department publishes them again under the stream's next numbers.");
                var (id, _) = quarantine.Add(connection, tx, changeSet, QuarantineScopes.ChangeSet, [reason], body, fingerprint ?? ChangeSetFingerprint.Of(changeSet));
                connection.Execute(tx, "UPDATE quarantine SET replay_place = $p WHERE id = $id", ("$p", last), ("$id", id));
                quarantined.Add((sequence, id));
            }

            // Every one but the ready run was moved.
            connection.Execute(tx, "DELETE FROM held_change_sets WHERE stream = $s AND sequence NOT BETWEEN $a AND $b",
                ("$s", stream), ("$a", last + 1), ("$b", last + ready));

            tx.Commit();
            return (last, quarantined);
        }
    }
}
