using System.Collections.Concurrent;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Derivation;

/// <summary>
/// Raised by derivation when the unit log grew. Every node pusher has a wake of its own, so one pusher
/// taking the wake never leaves another asleep until its timeout.
/// </summary>
public sealed class UnitLogSignal
{
    readonly ConcurrentDictionary<string, WakeSignal> _pushers = new();

    public WakeSignal For(string nodeId) => _pushers.GetOrAdd(nodeId, _ => new WakeSignal());

    public void Wake()
    {
        foreach (var pusher in _pushers.Values)
        {
            pusher.Wake();
        }
    }
}
