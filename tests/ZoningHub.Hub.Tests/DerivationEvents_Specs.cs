using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Derivation's events (<c>UnitsRevised</c>, <c>ConflictOpened</c>, <c>ConflictChanged</c>, <c>ConflictResolved</c>) are delivered at least once
/// (DESIGN §5): a pass records them in its own transaction, and they wait there until a publish succeeds. Before,
/// they were published after the commit, and a publish that failed lost them with the marks already cleared.
/// </summary>
public sealed class When_publishing_derivation_events_fails
{
    [Fact]
    public async Task Should_publish_each_once_in_revision_order_when_publishing_works_again()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var (received, outage) = (new DerivationEventRecorder.Received(), new DerivationEventOutage());
        await using var hub = await HubHost.StartAsync(data.Path, bus =>
        {
            DerivationEventRecorder.On(bus, received);
            bus.AddPublishObserver(_ => outage);
        });

        // Two passes at least: the first opens a conflict, the last resolves it.
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.4, 30.4, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 3));
        await Eventually.HoldsAsync(() => outage.Refused > 0, "the first pass's events are refused");
        var refused = outage.Refused;
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.Farmland, Upsert("F1", Box(120.6, 30.6, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 4));
        await Eventually.HoldsAsync(() => outage.Refused > refused, "the last pass's events are refused");

        // Derivation went on without its events: the conflict opened and resolved, and nothing was delivered.
        Assert.Equal(0, (await hub.GetJsonAsync("/api/status")).GetProperty("openConflicts").GetInt64());
        Assert.Empty(received.Events);

        outage.Down = false;
        // The resolution is the last event: the recorder takes them in order, so all have arrived with it.
        await Eventually.HoldsAsync(() => received.Of<ConflictResolved>().Count > 0, () => $"the held events arrive (received {received.Events.Count})");
        // A duplicate from a second round would have come by now.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var opened = Assert.Single(received.Of<ConflictOpened>());
        var resolved = Assert.Single(received.Of<ConflictResolved>());
        Assert.Equal(opened.ConflictId, resolved.ConflictId);
        Assert.Contains("\"Polygon\"", opened.GeometryGeoJson, StringComparison.Ordinal);
        DerivationEventAssert.EachRevisionOnceInOrder(hub, received);
    }
}

/// <summary>Events recorded before a stop, and not yet out, go out when the hub starts again on the same store.</summary>
public sealed class When_the_hub_stops_before_its_derivation_events_are_out
{
    [Fact]
    public async Task Should_publish_them_once_it_starts_again_on_the_same_store()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        // The broker refuses every derivation event for the first hub's whole life.
        var outage = new DerivationEventOutage();
        await using (var hub = await HubHost.StartAsync(data.Path, bus => bus.AddPublishObserver(_ => outage)))
        {
            await hub.SendAndTakeAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await hub.SendAndTakeAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
            await hub.SendAndTakeAsync(ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.4, 30.4, 120.8, 30.8))));
            await hub.SettledAsync((OneMap, 3));
            await Eventually.HoldsAsync(() => outage.Refused > 0, "the events are refused");
            Assert.NotEmpty(hub.Service<DerivationOutbox>().Unannounced(1));
        }

        var received = new DerivationEventRecorder.Received();
        await using var restarted = await HubHost.StartAsync(data.Path, bus => DerivationEventRecorder.On(bus, received));
        var outbox = restarted.Service<DerivationOutbox>();
        await Eventually.HoldsAsync(() => received.Of<ConflictOpened>().Count > 0 && outbox.Unannounced(1).Count == 0,
            () => $"the events recorded before the stop arrive (received {received.Events.Count})");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(received.Of<ConflictOpened>());
        DerivationEventAssert.EachRevisionOnceInOrder(restarted, received);
    }
}

/// <summary>
/// A pass wakes the announcer, a timer wakes it, and anyone may call it: rounds that meet take turns, so none publishes
/// what another is publishing.
/// </summary>
public sealed class When_two_rounds_announce_derivation_events_at_once
{
    [Fact]
    public async Task Should_publish_each_event_once()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var (received, outage) = (new DerivationEventRecorder.Received(), new DerivationEventOutage());
        await using var hub = await HubHost.StartAsync(data.Path, bus =>
        {
            DerivationEventRecorder.On(bus, received);
            bus.AddPublishObserver(_ => outage);
        });
        // A hundred farmland patches on the redline: a hundred conflicts, held back while publishing fails.
        var patches = Enumerable.Range(0, 100).Select(i => Upsert($"F{i}", Box(120 + 0.004 * i, 30.1, 120.002 + 0.004 * i, 30.102))).ToArray();
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland, patches));
        await hub.SettledAsync((OneMap, 3));
        await Eventually.HoldsAsync(() => outage.Refused > 0, "the events are refused");

        outage.Down = false;
        var announcer = hub.Service<DerivationAnnouncer>();
        await Task.WhenAll(Task.Run(() => announcer.AnnounceAsync(default)), Task.Run(() => announcer.AnnounceAsync(default)));
        await Eventually.HoldsAsync(() => received.Of<ConflictOpened>().Count >= 100, () => $"every conflict's event arrives (received {received.Events.Count})");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(100, received.Of<ConflictOpened>().Count);
        DerivationEventAssert.EachRevisionOnceInOrder(hub, received);
    }
}
