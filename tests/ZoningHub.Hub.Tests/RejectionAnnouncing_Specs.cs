using System.Collections.Concurrent;
using MassTransit;
using ZoningHub.Contracts;
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
