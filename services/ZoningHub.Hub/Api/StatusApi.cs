using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary><c>/api/status</c> (DESIGN §7): head revision, streams, nodes and unit counts.</summary>
public static class StatusApi
{
    public static HubStatusView Build(UnitLogReader log, StreamStore streams, NodeStore nodes, ConflictReader conflicts, DerivationStore derivation)
    {
        var head = log.HeadRevision();
        var now = DateTimeOffset.UtcNow;
        return new HubStatusView(
            head,
            streams.All(),
            nodes.All().Select(n => new NodeStatusView(n.NodeId, n.Scope, n.Address, n.AcknowledgedRevision, Math.Max(0, head - n.AcknowledgedRevision),
                n.AcknowledgedAt is { } at ? (now - at).TotalSeconds : null, n.State, n.LastError)).ToList(),
            streams.ActiveUnits(),
            OpenConflicts: conflicts.OpenCount(),
            PendingCounties: streams.PendingCounties(),
            DerivationFailures: derivation.Failures(50),
            QuarantinedWithoutStream: streams.QuarantinedWithoutStream());
    }
}
