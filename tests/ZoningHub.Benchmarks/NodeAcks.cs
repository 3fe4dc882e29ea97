using System.Collections.Concurrent;

namespace ZoningHub.Benchmarks;

/// <summary>Every acknowledgement a node answered the hub with, in the order given, timed as it left the node's handler.</summary>
sealed class NodeAcks
{
    readonly ConcurrentQueue<(DateTimeOffset At, long Revision)> _acks = new();
    long _latest = -1;

    public void Record(long revision)
    {
        _acks.Enqueue((DateTimeOffset.UtcNow, revision));
        Volatile.Write(ref _latest, revision);
    }

    /// <returns>When the node first acknowledged anything after <paramref name="moment"/>; null if it has not.</returns>
    public DateTimeOffset? FirstAfter(DateTimeOffset moment) => _acks.Select(a => (DateTimeOffset?)a.At).FirstOrDefault(at => at > moment);

    /// <summary>The last revision acknowledged; -1 before the first acknowledgement.</summary>
    public long Latest => Volatile.Read(ref _latest);

    /// <returns>When the node first acknowledged <paramref name="revision"/> or a later one; null if it never did.</returns>
    /// <remarks>A pusher awaits each call to its node, so the acknowledgements of one node arrive in order.</remarks>
    public DateTimeOffset? FirstAt(long revision)
    {
        foreach (var (at, acknowledged) in _acks)
        {
            if (acknowledged >= revision)
            {
                return at;
            }
        }

        return null;
    }
}
