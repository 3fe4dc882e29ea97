using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>The hub's status (DESIGN §7), for <c>/api/status</c> and gRPC <c>GetStatus</c>: head revision, streams, nodes, filings, counts.</summary>
public sealed class HubStatusReader(UnitLogReader log, StreamStore streams, NodeStore nodes, ConflictReader conflicts, DerivationStore derivation,
    QuarantineStore quarantine, ZoningHub.Hub.Intake.BrokerQueues brokerQueues)
{
    /// <param name="forOperator">The request carried the operator credential: the nodes' addresses are shown.</param>
    public HubStatusView Read(bool forOperator = false)
    {
        var head = log.HeadRevision();
        return new HubStatusView(
            head,
            streams.All(),
            [.. nodes.All().Select(n => Node(n, head, forOperator))],
            nodes.Filings(),
            streams.ActiveUnits(),
            OpenConflicts: conflicts.OpenCount(),
            PendingCounties: streams.PendingCounties(),
            DerivationFailures: derivation.Failures(50),
            DerivationFailureCount: derivation.FailureCount(),
            QuarantinedWithoutStream: streams.QuarantinedWithoutStream(),
            QuarantineOpen: quarantine.OpenCount(),
            BrokerQueues: brokerQueues.Depths());
    }

    NodeStatusView Node(NodeRecord node, long head, bool forOperator)
    {
        var lag = NodeLag.Of(node, head, log);
        var verified = node.State == NodeStates.InSync && node.Digest is { Matches: true } digest && digest.Revision == node.AcknowledgedRevision;
        return new NodeStatusView(node.NodeId, node.Scope, forOperator ? node.Address : null, node.AcknowledgedRevision,
            LagRevisions: lag.Revisions,
            LagSeconds: lag.Seconds,
            SecondsSinceAck: node.AcknowledgedAt is { } at ? (DateTimeOffset.UtcNow - at).TotalSeconds : null,
            node.State, node.LastError, node.Detail, verified, node.Digest);
    }
}
