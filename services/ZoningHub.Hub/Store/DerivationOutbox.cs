using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Store;

/// <summary>
/// The events of each derivation pass, written in the pass's own transaction (DESIGN §5: at least once). A pass
/// that commits has its events stored with it, and they stay until published, through a broker outage or a restart.
/// </summary>
public sealed class DerivationOutbox(HubDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static readonly Dictionary<string, Type> Types =
        new[] { typeof(UnitsRevised), typeof(ConflictOpened), typeof(ConflictChanged), typeof(ConflictResolved) }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Records the pass's events, in revision order, inside derivation's transaction.</summary>
    internal static void Record(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<LoggedUnit> units, IReadOnlyList<ConflictRecord> conflicts,
        string? traceParent)
    {
        foreach (var message in DerivationEvents.Of(units, conflicts))
        {
            c.Execute(tx, "INSERT INTO derivation_events (type, body, trace_parent) VALUES ($t, $b, $tp)",
                ("$t", message.GetType().Name), ("$b", JsonSerializer.Serialize(message, message.GetType(), Json)), ("$tp", traceParent));
        }
    }

    /// <summary>Events not yet published, in the order they were recorded.</summary>
    public IReadOnlyList<PendingEvent> Unannounced(int limit)
    {
        using var connection = database.Open();
        return connection.Query(null, "SELECT id, type, body, trace_parent FROM derivation_events ORDER BY id LIMIT $n",
            r => new PendingEvent(r.GetInt64(0), JsonSerializer.Deserialize(r.GetString(2), Types[r.GetString(1)], Json)!,
                r.IsDBNull(3) ? null : r.GetString(3)),
            ("$n", limit));
    }

    /// <summary>
    /// Deletes a published event rather than marking it: the unit log and the conflicts table keep what it told, so an
    /// announced row has nothing left to say, and the table holds only what is still to go out.
    /// </summary>
    public void Announced(long id)
    {
        using var connection = database.Open();
        connection.Execute(null, "DELETE FROM derivation_events WHERE id = $id", ("$id", id));
    }
}
