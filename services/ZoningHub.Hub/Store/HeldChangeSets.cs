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

    /// <summary>Moves every change set <paramref name="stream"/> holds into the quarantine, in one transaction.</summary>
    /// <returns>The stream's last applied number, and each change set moved with its quarantine entry; null for a stream the hub has never heard of.</returns>
    public (long LastSequence, IReadOnlyList<(long Sequence, long QuarantineId)> Quarantined)? Quarantine(string stream)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var last = connection.Scalar<long?>(tx, "SELECT last_sequence FROM streams WHERE stream = $s", ("$s", stream));
            var held = connection.Query(tx, "SELECT sequence, body, received_at, fingerprint FROM held_change_sets WHERE stream = $s ORDER BY sequence",
                r => (Sequence: r.GetInt64(0), Body: r.GetString(1), ReceivedAt: r.GetString(2), Fingerprint: r.IsDBNull(3) ? null : r.GetString(3)),
                ("$s", stream));
            if (last is null && held.Count == 0)
            {
                return null;
            }

            var quarantined = new List<(long, long)>();
            foreach (var (sequence, body, receivedAt, fingerprint) in held)
            {
                var changeSet = JsonSerializer.Deserialize<ChangeSetPublished>(body, Json)!;
                var reason = ChangeSetValidator.Reject(RejectionRules.GapUnfilled, null,
                    $"Held since {receivedAt} for numbers of stream '{stream}' before #{sequence} that did not come; taken out of the hold by an operator at "
                    + $"{SqliteExtensions.Now()}, when the stream had applied up to #{last ?? 0}. Its changes are not applied: replay applies them where nothing "
                    + "newer has replaced them, dismiss keeps it as a record. If the numbering was wrong, the department publishes them again under the stream's next numbers.");
                var (id, _) = quarantine.Add(connection, tx, changeSet, QuarantineScopes.ChangeSet, [reason], body, fingerprint ?? ChangeSetFingerprint.Of(changeSet));
                quarantined.Add((sequence, id));
            }

            connection.Execute(tx, "DELETE FROM held_change_sets WHERE stream = $s", ("$s", stream));
            tx.Commit();
            return (last ?? 0, quarantined);
        }
    }
}
