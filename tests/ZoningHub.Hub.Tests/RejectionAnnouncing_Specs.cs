using System.Collections.Concurrent;
using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// The intake consumer (after each batch) and the gap watcher (every few seconds) both publish the rejection events
/// that are not out yet. Each entry's event goes out once, whichever of them gets to it.
/// </summary>
public sealed class When_two_rounds_announce_rejections_at_once
{
    [Fact]
    public async Task Should_publish_each_entrys_event_once()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var events = new ConcurrentBag<long>();
        var endpoint = hub.Service<IBus>().ConnectReceiveEndpoint("test-rejections-once", e =>
            e.Handler<ChangeSetRejected>(context => { events.Add(context.Message.QuarantineId); return Task.CompletedTask; }));
        await endpoint.Ready;
        var quarantine = hub.Service<QuarantineStore>();
        var reason = ChangeSetValidator.Reject(RejectionRules.LayerUnknown, null, "layer 'x' is unknown");
        for (var i = 1; i <= 200; i++)
        {
            quarantine.Add(ChangeSet(OneMap, i, "x"), [reason], "{}");
        }

        var announcer = hub.Service<RejectionAnnouncer>();
        var bus = hub.Service<IBus>();
        await Task.WhenAll(Task.Run(() => announcer.AnnounceAsync(bus, default)), Task.Run(() => announcer.AnnounceAsync(bus, default)));
        await Eventually.HoldsAsync(() => events.Count >= 200, "every entry's event is out");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(200, events.Count);
        Assert.Equal(200, events.Distinct().Count());
    }
}

/// <summary>
/// Rejection events not yet out when the hub stopped go out once it starts again: the gap watcher's first round
/// publishes them, and it waits for the bus to be up (published before, they went nowhere and were taken as out).
/// </summary>
public sealed class When_the_hub_starts_with_rejections_not_yet_announced
{
    [Fact]
    public async Task Should_publish_them_once_the_bus_is_up()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using (var hub = await HubHost.StartAsync(data.Path, bus => bus.AddPublishObserver(_ => new RejectionOutage())))
        {
            await hub.SendAsync(ChangeSet(OneMap, 0, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
            await Eventually.HoldsAsync(() => hub.Service<QuarantineStore>().Unannounced(10).Count == 1, "quarantined, its event not out");
        }

        var events = new ConcurrentQueue<ChangeSetRejected>();
        await using var restarted = await HubHost.StartAsync(data.Path, bus => bus.AddHandler<ChangeSetRejected>(context =>
        {
            events.Enqueue(context.Message);
            return Task.CompletedTask;
        }));

        await Eventually.HoldsAsync(() => !events.IsEmpty, "the event kept from before the stop arrives");
        Assert.Equal(0, Assert.Single(events).Sequence);
    }

    /// <summary>The broker refusing every rejection event, as one that is down does; the store and the bus are real.</summary>
    sealed class RejectionOutage : IPublishObserver
    {
        public Task PrePublish<T>(PublishContext<T> context) where T : class =>
            context.Message is ChangeSetRejected ? throw new InvalidOperationException("Broker unreachable (simulated outage)") : Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
