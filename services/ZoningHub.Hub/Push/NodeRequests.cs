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

    /// <returns>Why a resync was asked for, if one was; asking again before it is taken keeps the newest reason.</returns>
    public string? TakeResync(string nodeId) => _resyncs.TryRemove(nodeId, out var reason) ? reason : null;

    public bool TakeVerification(string nodeId) => _verifications.TryRemove(nodeId, out _);
}
