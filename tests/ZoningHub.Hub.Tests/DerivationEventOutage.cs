using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// The broker refusing the hub's derivation events while <see cref="Down"/>: each publish of one fails with an
/// exception before it reaches the transport, as a publish to a broker that is down does, and nothing is delivered.
/// Only the publish fails; the hub's store, outbox and bus are the real ones.
/// </summary>
public sealed class DerivationEventOutage : IPublishObserver
{
    volatile bool _down = true;
    int _refused;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>How many publishes of derivation events failed.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        if (_down && context.Message is UnitsRevised or ConflictOpened or ConflictChanged or ConflictResolved)
        {
            Interlocked.Increment(ref _refused);
            throw new InvalidOperationException("Broker unreachable (simulated outage)");
        }

        return Task.CompletedTask;
    }

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
