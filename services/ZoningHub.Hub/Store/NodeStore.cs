using Microsoft.Data.Sqlite;

namespace ZoningHub.Hub.Store;

/// <summary>The node registry and each node's acknowledged revision, kept across restarts.</summary>
public sealed class NodeStore(HubDatabase database)
{
    public void Register(string nodeId, string scope, string address)
    {
        using var connection = database.Open();
        connection.Execute(null, """
            INSERT INTO nodes (node_id, scope, address, updated_at) VALUES ($n, $s, $a, $t)
            ON CONFLICT (node_id) DO UPDATE SET scope = $s, address = $a
            """, ("$n", nodeId), ("$s", scope), ("$a", address), ("$t", SqliteExtensions.Now()));
    }

    public void RecordAck(string nodeId, long acknowledgedRevision, string state)
    {
        using var connection = database.Open();
        connection.Execute(null, """
            UPDATE nodes SET acknowledged_revision = $r, acknowledged_at = $t, state = $s, last_error = NULL, updated_at = $t
            WHERE node_id = $n
            """, ("$n", nodeId), ("$r", acknowledgedRevision), ("$s", state), ("$t", SqliteExtensions.Now()));
    }

    public void RecordState(string nodeId, string state, string? error)
    {
        using var connection = database.Open();
        connection.Execute(null, "UPDATE nodes SET state = $s, last_error = $e, updated_at = $t WHERE node_id = $n",
            ("$n", nodeId), ("$s", state), ("$e", error), ("$t", SqliteExtensions.Now()));
    }

    public IReadOnlyList<NodeRecord> All()
    {
        using var connection = database.Open();
        return connection.Query(null, """
            SELECT node_id, scope, address, acknowledged_revision, acknowledged_at, state, last_error FROM nodes ORDER BY node_id
            """, Map);
    }

    public NodeRecord? Find(string nodeId) => All().FirstOrDefault(n => n.NodeId == nodeId);

    static NodeRecord Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3),
        r.IsDBNull(4) ? null : DateTimeOffset.Parse(r.GetString(4), System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));
}
