using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Hub.Push;

/// <summary>Why a node needs a snapshot, and the one it already began if that can be resumed: decided from where the node says it stands.</summary>
/// <param name="Requested">Whether an operator (or a digest mismatch) asked for it: such a plan never waits (<see cref="WouldEmpty"/>).</param>
public sealed record SnapshotPlan(string Reason, SnapshotProgress? Resume, bool Requested = false)
{
    /// <param name="requested">Why an operator (or a digest mismatch) asked for a resync, if one is pending.</param>
    /// <returns>Null when the log alone can bring the node up.</returns>
    public static SnapshotPlan? For(NodeState state, string logId, long floor, long head, string? requested)
    {
        if (requested is not null)
        {
            return new(requested, null, Requested: true);
        }

        if (state.Snapshot is { } begun && begun.LogId == logId && begun.AsOfRevision >= floor)
        {
            return new("resuming the snapshot it was taking", begun);
        }

        var reason = state.LogId.Length == 0 ? "the node is new"
            : state.LogId != logId ? $"the node holds hub log {state.LogId}, not {logId}"
            : state.AcknowledgedRevision < floor ? $"the node acknowledged revision {state.AcknowledgedRevision}, older than the log's floor {floor}"
            : state.AcknowledgedRevision > head ? $"the node acknowledged revision {state.AcknowledgedRevision}, past the hub's head"
            : null;
        return reason is null ? null : new(reason, null);
    }

    /// <summary>
    /// Why a snapshot the hub decided on by itself must wait: the node holds units of another hub log than this hub
    /// holds fewer of. A hub whose store was lost starts a new log, empty, and rebuilds it as the departments send
    /// their change sets again; replacing every node's units with that first, partial state would leave the national
    /// and provincial platforms without their units meanwhile. It goes ahead once this hub holds as many units in the
    /// node's scope, or when an operator asks for the resync. A snapshot of this log the node has begun was let go ahead
    /// by one or the other, and is let finish: held back after a restart, it would sit half taken on the node, the
    /// operator's resync undone without a word.
    /// </summary>
    /// <param name="held">This hub's active units in the node's scope, read only when the answer depends on it.</param>
    public string? WouldEmpty(NodeState state, string logId, Func<long> held)
    {
        if (Requested || state.LogId.Length == 0 || state.LogId == logId || state.Snapshot?.LogId == logId)
        {
            return null;
        }

        var holds = held();
        return holds >= state.UnitCount ? null
            : $"the node holds {state.UnitCount} units of hub log {state.LogId}; this hub's log {logId} holds {holds} in its scope so far, "
              + $"so the node keeps its units until the hub holds as many or an operator asks for a resync ({Reason})";
    }
}
