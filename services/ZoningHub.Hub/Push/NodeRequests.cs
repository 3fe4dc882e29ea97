using System.Collections.Concurrent;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Push;

/// <summary>
/// What operators (and digest mismatches) ask of a node's pusher: a resync by snapshot, or a digest check now. A resync
/// is kept in the hub's store until its snapshot begins, since an operator who was answered "accepted" relies on it
/// after a restart too; a digest check only in memory, since a started pusher checks every node's digest first anyway.
/// </summary>
public sealed class NodeRequests(NodeStore nodes, UnitLogSignal signal)
{
    readonly ConcurrentDictionary<string, bool> _verifications = new();
    readonly ConcurrentDictionary<string, WakeSignal> _asked = new();

    public void Resync(string nodeId, string reason)
    {
        nodes.RequestResync(nodeId, reason);
        signal.For(nodeId).Wake();
    }

    /// <summary>An operator's resync: like a digest mismatch's, and it also ends the pusher's wait after a failure (<see cref="Asked"/>).</summary>
    public void OperatorResync(string nodeId)
    {
        Resync(nodeId, "an operator asked for a resync");
        Asked(nodeId).Wake();
    }

    /// <summary>An operator's digest check; it also ends the pusher's wait after a failure (<see cref="Asked"/>).</summary>
    public void Verify(string nodeId)
    {
        _verifications[nodeId] = true;
        signal.For(nodeId).Wake();
        Asked(nodeId).Wake();
    }

    /// <summary>
    /// Woken by an operator's request only. A pusher waiting out its backoff after a failure waits on this, not on the
    /// log's signal: an operator who has just brought a node back, and asks, is answered now rather than after up to
    /// <see cref="HubOptions.PushRetryMaxBackoff"/>; new units, which come many times a second, leave the backoff alone.
    /// </summary>
    public WakeSignal Asked(string nodeId) => _asked.GetOrAdd(nodeId, _ => new WakeSignal());

    /// <returns>Why a resync was asked for, if one is pending; asking again before it begins keeps the newest reason.</returns>
    public string? PendingResync(string nodeId) => nodes.PendingResync(nodeId);

    public bool TakeVerification(string nodeId) => _verifications.TryRemove(nodeId, out _);

    /// <summary>A check taken by <see cref="TakeVerification"/> failed: it stays asked for, without waking the pusher, which retries after its backoff.</summary>
    public void VerificationUnanswered(string nodeId) => _verifications[nodeId] = true;
}
