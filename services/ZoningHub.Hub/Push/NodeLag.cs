using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>How far a node is behind the head of the log, as <c>/api/status</c> reports it and the node lag gauges export it.</summary>
/// <param name="Revisions">Revisions of the log the node has not acknowledged.</param>
/// <param name="Seconds">Age of the oldest unit revision in the node's scope it has not acknowledged; 0 when it has all.</param>
public sealed record NodeLag(string NodeId, long Revisions, double Seconds)
{
    public static NodeLag Of(NodeRecord node, long head, UnitLogReader log)
    {
        var oldest = node.AcknowledgedRevision < head ? log.OldestAfter(node.Scope, node.AcknowledgedRevision) : null;
        return new(node.NodeId, RevisionsBehind(node, head), oldest is { } at ? Math.Max(0, (DateTimeOffset.UtcNow - at).TotalSeconds) : 0);
    }

    /// <summary>The lag in revisions alone: it needs no query of the log, unlike the lag in seconds.</summary>
    public static long RevisionsBehind(NodeRecord node, long head) => Math.Max(0, head - node.AcknowledgedRevision);

    public static IReadOnlyList<NodeLag> All(NodeStore nodes, UnitLogReader log)
    {
        var head = log.HeadRevision();
        return [.. nodes.All().Select(node => Of(node, head, log))];
    }
}
