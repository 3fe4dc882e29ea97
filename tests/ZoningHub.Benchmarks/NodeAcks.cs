using System.Collections.Concurrent;

namespace ZoningHub.Benchmarks;

/// <summary>Every acknowledgement a node answered the hub with, in the order given, timed as it left the node's handler.</summary>
sealed class NodeAcks
{
    readonly ConcurrentQueue<(DateTimeOffset At, long Revision)> _acks = new();

    public void Record(long revision) => _acks.Enqueue((DateTimeOffset.UtcNow, revision));

    public long Latest => _acks.LastOrDefault().Revision;

    /// <returns>When the node first acknowledged <paramref name="revision"/> or a later one; null if it never did.</returns>
    /// <remarks>A pusher awaits each call to its node, so the acknowledgements of one node arrive in order.</remarks>
    public DateTimeOffset? FirstAt(long revision) =>
        _acks.FirstOrDefault(a => a.Revision >= revision) is { At: var at } ack && ack != default ? at : null;
}
