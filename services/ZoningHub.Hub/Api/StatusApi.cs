using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary><c>/api/status</c> (DESIGN §7): head revision, streams, nodes, filings and unit counts.</summary>
public static class StatusApi
{
    public static HubStatusView Build(UnitLogReader log, StreamStore streams, NodeStore nodes, ConflictReader conflicts, DerivationStore derivation)
    {
        var head = log.HeadRevision();
        return new HubStatusView(
            head,
            streams.All(),
            [.. nodes.All().Select(n => Node(n, head, log))],
            nodes.Filings(),
            streams.ActiveUnits(),
            OpenConflicts: conflicts.OpenCount(),
            PendingCounties: streams.PendingCounties(),
            DerivationFailures: derivation.Failures(50),
            QuarantinedWithoutStream: streams.QuarantinedWithoutStream());
    }

    static NodeStatusView Node(NodeRecord node, long head, UnitLogReader log)
    {
        var lag = NodeLag.Of(node, head, log);
        var verified = node.State == NodeStates.InSync && node.Digest is { Matches: true } digest && digest.Revision == node.AcknowledgedRevision;
        return new NodeStatusView(node.NodeId, node.Scope, node.Address, node.AcknowledgedRevision,
            LagRevisions: lag.Revisions,
            LagSeconds: lag.Seconds,
            SecondsSinceAck: node.AcknowledgedAt is { } at ? (DateTimeOffset.UtcNow - at).TotalSeconds : null,
            node.State, node.LastError, node.Detail, verified, node.Digest);
    }
}
