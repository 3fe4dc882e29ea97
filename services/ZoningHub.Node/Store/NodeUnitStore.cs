using Google.Protobuf;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Node.Store;

/// <summary>Applies pushed batches idempotently, one transaction each.</summary>
public sealed class NodeUnitStore(NodeDatabase database)
{
    public long AcknowledgedRevision()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT acknowledged_revision FROM node_state WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Applies the batch covering (from, to] of the hub's log. A version older than what the node holds is
    /// ignored, so a redelivered batch changes nothing; the acknowledgement only moves forward.
    /// </summary>
    public (long Acknowledged, int Applied, int Ignored) Apply(ApplyUnitsRequest batch)
    {
        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: false);
        int applied = 0, ignored = 0;
        foreach (var unit in batch.Units)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO units (code, revision, county, type, version, retired, geometry, area, content_hash, body)
                VALUES ($code, $rev, $county, $type, $v, $r, $g, $a, $h, $b)
                ON CONFLICT (code) DO UPDATE SET revision = $rev, county = $county, type = $type, version = $v, retired = $r,
                    geometry = $g, area = $a, content_hash = $h, body = $b
                WHERE excluded.revision > units.revision
                """;
            command.Parameters.AddWithValue("$code", unit.Code);
            command.Parameters.AddWithValue("$rev", unit.Revision);
            command.Parameters.AddWithValue("$county", unit.County);
            command.Parameters.AddWithValue("$type", (int)unit.Type);
            command.Parameters.AddWithValue("$v", unit.Version);
            command.Parameters.AddWithValue("$r", unit.Retired ? 1 : 0);
            command.Parameters.AddWithValue("$g", unit.GeometryWkb.IsEmpty ? DBNull.Value : unit.GeometryWkb.ToByteArray());
            command.Parameters.AddWithValue("$a", unit.AreaSquareMetres);
            command.Parameters.AddWithValue("$h", unit.ContentHash);
            command.Parameters.AddWithValue("$b", unit.ToByteArray());
            if (command.ExecuteNonQuery() > 0)
            {
                applied++;
            }
            else
            {
                ignored++;
            }
        }

        using (var ack = connection.CreateCommand())
        {
            ack.Transaction = tx;
            ack.CommandText = "UPDATE node_state SET acknowledged_revision = MAX(acknowledged_revision, $to) WHERE id = 1";
            ack.Parameters.AddWithValue("$to", batch.ToRevision);
            ack.ExecuteNonQuery();
        }

        tx.Commit();
        return (AcknowledgedRevision(), applied, ignored);
    }

    /// <summary>The node's active units, for local users.</summary>
    public IReadOnlyList<UnitRevision> Active()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM units WHERE retired = 0 ORDER BY code";
        using var reader = command.ExecuteReader();
        var units = new List<UnitRevision>();
        while (reader.Read())
        {
            units.Add(UnitRevision.Parser.ParseFrom((byte[])reader[0]));
        }

        return units;
    }

    public long Count()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM units WHERE retired = 0";
        return (long)command.ExecuteScalar()!;
    }
}
