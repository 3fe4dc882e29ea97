using Google.Protobuf;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Writes unit versions of a given size straight into a hub's log, as derivation would have: a unit of tens of
/// megabytes takes millions of vertices to derive, and what the push does with it depends only on its bytes.
/// </summary>
public static class LoggedUnits
{
    /// <summary>Appends version <paramref name="version"/> of unit <paramref name="code"/> (county 330106) with <paramref name="geometryBytes"/> of geometry.</summary>
    /// <returns>The revision it was logged under.</returns>
    public static long Append(HubDatabase database, string code, int version, int geometryBytes)
    {
        var (connection, tx) = database.BeginWrite();
        using (connection)
        using (tx)
        {
            var revision = connection.Scalar<long>(tx, "SELECT revision FROM head") + 1;
            var hash = $"hash-{code}-{version}";
            // The type is the code's digit after the county; a general unit is known by its county, as derivation knows it,
            // so the hub's start finds nothing to move (it would derive the county again, and retire these units: it has no boundary).
            var type = (Hub.Core.Derivation.UnitType)(code[8] - '0');
            var identity = type == Hub.Core.Derivation.UnitType.GeneralControl ? Hub.Core.Derivation.UnitIdentity.General("330106").Key : code;
            var message = new UnitRevision
            {
                Revision = revision, Code = code, County = "330106", Type = type switch
                {
                    Hub.Core.Derivation.UnitType.PriorityProtection => UnitType.PriorityProtection,
                    Hub.Core.Derivation.UnitType.KeyControl => UnitType.KeyControl,
                    _ => UnitType.GeneralControl,
                },
                Version = version, ContentHash = hash,
                GeometryWkb = ByteString.CopyFrom(new byte[geometryBytes]),
            };
            connection.Execute(tx, """
                INSERT INTO unit_log (revision, code, identity, county, type, version, retired, area, content_hash, sources, access_list, revised_at)
                VALUES ($r, $c, $i, '330106', $type, $v, 0, 1.0, $h, '[]', '[]', $t);
                INSERT INTO unit_messages (revision, message) VALUES ($r, $m);
                INSERT INTO units (code, identity, county, type, version, revision, retired, content_hash) VALUES ($c, $i, '330106', $type, $v, $r, 0, $h)
                    ON CONFLICT (code) DO UPDATE SET version = $v, revision = $r, content_hash = $h;
                UPDATE head SET revision = $r;
                """, ("$r", revision), ("$c", code), ("$i", identity), ("$type", (int)type), ("$v", version), ("$h", hash), ("$m", message.ToByteArray()), ("$t", SqliteExtensions.Now()));
            tx.Commit();
            return revision;
        }
    }

    /// <summary>As <see cref="Append"/>, into a running hub's store, and wakes its pushers.</summary>
    public static long Append(Hub.Tests.HubHost hub, string code, int version, int geometryBytes)
    {
        var revision = Append(hub.Service<HubDatabase>(), code, version, geometryBytes);
        hub.Service<UnitLogSignal>().Wake();
        return revision;
    }
}
