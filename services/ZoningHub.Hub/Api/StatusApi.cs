using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary><c>/api/status</c> (DESIGN §7): head revision, streams, nodes and unit counts.</summary>
public static class StatusApi
{
    public static HubStatusView Build(UnitLogReader log, StreamStore streams, NodeStore nodes)
    {
        var head = log.HeadRevision();
        var now = DateTimeOffset.UtcNow;
        return new HubStatusView(
            head,
            streams.All().Select(s => new StreamStatusView(s.Stream, s.Department, s.Layers, s.LastSequence, s.LastSeen, s.Quarantined, s.Held)).ToList(),
            nodes.All().Select(n => new NodeStatusView(n.NodeId, n.Scope, n.Address, n.AcknowledgedRevision, Math.Max(0, head - n.AcknowledgedRevision),
                n.AcknowledgedAt is { } at ? (now - at).TotalSeconds : null, n.State, n.LastError)).ToList(),
            streams.ActiveUnits(),
            OpenConflicts: 0,
            QuarantinedWithoutStream: streams.QuarantinedWithoutStream());
    }
}

public sealed record HubStatusView(
    long HeadRevision,
    IReadOnlyList<StreamStatusView> Streams,
    IReadOnlyList<NodeStatusView> Nodes,
    long ActiveUnits,
    long OpenConflicts,
    long QuarantinedWithoutStream);

public sealed record StreamStatusView(
    string Stream,
    string Department,
    IReadOnlyList<string> Layers,
    long LastSequence,
    DateTimeOffset? LastSeen,
    long Quarantined,
    long Held);

/// <param name="SecondsSinceAck">Seconds since the node last acknowledged; with <c>LagRevisions</c> 0 it is simply idle.</param>
public sealed record NodeStatusView(
    string NodeId,
    string Scope,
    string Address,
    long AcknowledgedRevision,
    long LagRevisions,
    double? SecondsSinceAck,
    string State,
    string? LastError);
