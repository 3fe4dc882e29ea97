using System.Collections.Concurrent;
using ZoningHub.Hub.Derivation;

namespace ZoningHub.Hub.Push;

/// <summary>What operators (and digest mismatches) ask of a node's pusher: a resync by snapshot, or a digest check now.</summary>
public sealed class NodeRequests(UnitLogSignal signal)
{
    readonly ConcurrentDictionary<string, string> _resyncs = new();
    readonly ConcurrentDictionary<string, bool> _verifications = new();

    public void Resync(string nodeId, string reason)
    {
        _resyncs[nodeId] = reason;
        signal.For(nodeId).Wake();
    }

    public void Verify(string nodeId)
    {
        _verifications[nodeId] = true;
        signal.For(nodeId).Wake();
    }

    /// <returns>Why a resync was asked for, if one is pending; asking again before it begins keeps the newest reason.</returns>
    public string? PendingResync(string nodeId) => _resyncs.GetValueOrDefault(nodeId);

    /// <summary>
    /// The snapshot for <paramref name="reason"/> has begun on the node, which now keeps its progress: the
    /// request is answered. A request made since, for another reason, stays pending.
    /// </summary>
    public void ResyncBegun(string nodeId, string reason) => _resyncs.TryRemove(new KeyValuePair<string, string>(nodeId, reason));

    public bool TakeVerification(string nodeId) => _verifications.TryRemove(nodeId, out _);
}
