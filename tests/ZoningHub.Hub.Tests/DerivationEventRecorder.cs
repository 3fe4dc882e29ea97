using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A subscriber to the hub's derivation events, as any system binding the event exchanges is. Its endpoint takes one
/// message at a time, so it keeps them in the order they were published.
/// </summary>
public sealed class DerivationEventRecorder(DerivationEventRecorder.Received received) :
    IConsumer<UnitsRevised>, IConsumer<ConflictOpened>, IConsumer<ConflictChanged>, IConsumer<ConflictResolved>
{
    public Task Consume(ConsumeContext<UnitsRevised> context) => received.Add(context.Message);

    public Task Consume(ConsumeContext<ConflictOpened> context) => received.Add(context.Message);

    public Task Consume(ConsumeContext<ConflictChanged> context) => received.Add(context.Message);

    public Task Consume(ConsumeContext<ConflictResolved> context) => received.Add(context.Message);

    /// <summary>Adds the recorder to a hub's bus, in front of <paramref name="received"/>.</summary>
    public static void On(IBusRegistrationConfigurator bus, Received received)
    {
        bus.AddSingleton(received);
        bus.AddConsumer<DerivationEventRecorder>().Endpoint(e => e.ConcurrentMessageLimit = 1);
    }

    /// <summary>The events received, in the order received.</summary>
    public sealed class Received
    {
        readonly ConcurrentQueue<object> _events = new();

        public IReadOnlyList<object> Events => [.. _events];

        public IReadOnlyList<T> Of<T>() => [.. _events.OfType<T>()];

        /// <summary>The first revision each event names, in the order received.</summary>
        public IReadOnlyList<long> Revisions => [.. _events.Select(e => e switch
        {
            UnitsRevised u => u.FromRevision,
            ConflictOpened o => o.Revision,
            ConflictChanged c => c.Revision,
            ConflictResolved r => r.Revision,
            _ => throw new InvalidOperationException(e.GetType().Name),
        })];

        internal Task Add(object message)
        {
            _events.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
