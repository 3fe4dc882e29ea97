using Microsoft.Data.Sqlite;
using ZoningHub.Adapters.Kit;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>DESIGN §5: what an adapter numbered reaches the hub exactly once in effect, in order, whatever the broker does.</summary>
[Collection(RealBroker.Name)]
public class When_delivery_between_an_adapter_and_the_hub_fails(RabbitMqBroker broker)
{
    const string Stream = "natural-resources.one-map";
    const string Layer = "ecological-redline";

    [Fact]
    public async Task Should_deliver_every_change_set_once_in_order_across_a_broker_restart()
    {
        Assert.True(broker.CanStopAndStart, $"This test stops the broker; {broker.Description} is not the tests' own. Unset RABBITMQ_URL.");
        await using var system = await ZoningHubSystem.StartAsync(await broker.CreateVirtualHostAsync("broker-outage"));
        for (var version = 1; version <= 3; version++)
        {
            system.DropExport(Layer, $"redlines-{version}.geojson", RedlineExports.Version(version));
            await Eventually.HoldsAsync(() => Position(system).LastConfirmed == version, $"export {version} is confirmed by the broker");
        }

        await broker.StopBrokerAsync();
        for (var version = 4; version <= 7; version++)
        {
            // The department keeps exporting; the adapter keeps numbering into its outbox.
            system.DropExport(Layer, $"redlines-{version}.geojson", RedlineExports.Version(version));
            await Eventually.HoldsAsync(() => Position(system).LastSequence == version, $"export {version} is in the outbox while the broker is down");
        }

        // The status API shows the stream, where its exports arrive, and the outbox waiting for the broker.
        var status = Assert.Single((await system.GetAdapterStatusAsync()).EnumerateArray());
        Assert.Equal(Stream, status.GetProperty("stream").GetString());
        Assert.Equal(7, status.GetProperty("lastSequence").GetInt64());
        Assert.InRange(status.GetProperty("outboxDepth").GetInt64(), 1, 4);
        Assert.True(Directory.Exists(Path.Combine(status.GetProperty("inbox").GetString()!, Layer)), "the inbox folder it reports is the one it reads");
        await broker.StartBrokerAsync();

        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 7 && Position(system).Depth == 0,
            () => $"the outbox drains and the hub reaches #7 (hub {system.HubStream(Stream)}, adapter {Position(system)})", seconds: 120);
        AssertHubMatchesAdapter(system, appliedChangeSets: 7);
        Assert.Equal(0, Assert.Single((await system.GetAdapterStatusAsync()).EnumerateArray()).GetProperty("outboxDepth").GetInt64());
    }

    [Fact]
    public async Task Should_close_a_gap_from_the_outbox_when_the_hub_asks_for_a_resend()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("resend");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost);
        await LoseChangeSetTwoAsync(system, virtualHost);

        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 3,
            () => $"the hub asks for #2, the adapter resends it from its outbox (hub {system.HubStream(Stream)})", seconds: 60);
        AssertHubMatchesAdapter(system, appliedChangeSets: 3);
    }

    [Fact]
    public async Task Should_close_a_gap_with_a_whole_stream_snapshot_when_the_resend_does_not_come()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("snapshot");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost);
        await LoseChangeSetTwoAsync(system, virtualHost, alsoFromTheOutbox: true);

        // Two resend requests go unanswered, then the hub asks for a snapshot: one change set per one-map layer.
        var layers = NativeSchemasLayers();
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 3 + layers,
            () => $"the snapshot series #4–#{3 + layers} supersedes the lost #2 (hub {system.HubStream(Stream)}, adapter {Position(system)})", seconds: 90);
        AssertHubMatchesAdapter(system, appliedChangeSets: 1 + layers);
        Assert.Equal(0, system.HubStream(Stream).Held);
    }

    [Fact]
    public async Task Should_keep_a_change_set_in_the_outbox_while_nothing_is_bound_to_take_it()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("unbound");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost);
        system.DropExport(Layer, "redlines-1.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 1, "the hub applies #1");

        // A department's broker user may configure its own exchange: deleted, it is declared again by the next send, but
        // with nothing bound to it. Unflagged, the broker confirmed each change set sent there and dropped it.
        await PlainJsonPublisher.DeleteExchangeAsync(virtualHost, Topology.ChangeSetExchange("natural-resources"));
        system.DropExport(Layer, "redlines-2.geojson", RedlineExports.Version(2));
        await Eventually.HoldsAsync(() => Position(system).LastSequence == 2, "the adapter numbers #2 into its outbox");
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal((1L, 1L), (Position(system).LastConfirmed, Position(system).Depth));
        // The status says which change set waits and why, not only that the outbox is not draining.
        async Task<System.Text.Json.JsonElement> Failure() => Assert.Single((await system.GetAdapterStatusAsync()).EnumerateArray()).GetProperty("publishFailure");
        await Eventually.HoldsAsync(async () => (await Failure()).ValueKind == System.Text.Json.JsonValueKind.Object, "the status says why #2 waits", seconds: 40);
        var failure = await Failure();
        Assert.Equal(2, failure.GetProperty("sequence").GetInt64());
        Assert.False(string.IsNullOrWhiteSpace(failure.GetProperty("reason").GetString()), failure.ToString());
        Assert.True(failure.GetProperty("attempts").GetInt32() >= 1, failure.ToString());

        // The hub binds its intake again when it starts: the outbox drains.
        await system.StopHubAsync();
        await system.StartHubAsync();
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 2 && Position(system).Depth == 0,
            () => $"#2 is sent again once something takes it (hub {system.HubStream(Stream)}, adapter {Position(system)})", seconds: 90);
        AssertHubMatchesAdapter(system, appliedChangeSets: 2);
        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            Assert.Single((await system.GetAdapterStatusAsync()).EnumerateArray()).GetProperty("publishFailure").ValueKind);
    }

    [Fact]
    public async Task Should_not_take_a_resend_the_broker_had_nowhere_to_deliver_as_answered()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("resend-unbound");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost);
        system.DropExport(Layer, "redlines-1.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 1, "the hub applies #1");

        // The department's exchange deleted: the resend declares it again, with nothing bound to it. Unflagged, the broker
        // confirmed the resent change set and dropped it, and the adapter logged the request as answered.
        await PlainJsonPublisher.DeleteExchangeAsync(virtualHost, Topology.ChangeSetExchange("natural-resources"));
        await system.SendWithMassTransitAsync(Topology.AdapterRequestQueue("natural-resources"),
            new ResendChangeSets { Stream = Stream, FromSequence = 1, ToSequence = 1, Reason = "the spec asks" });

        var failed = Topology.AdapterRequestQueue("natural-resources") + "_error";
        await Eventually.HoldsAsync(async () => await PlainJsonPublisher.ReadyAsync(virtualHost, failed) is > 0,
            "the request the adapter could not answer waits in its error queue, which the hub's status counts", seconds: 40);
    }

    [Fact]
    public async Task Should_leave_one_request_waiting_for_an_adapter_that_is_away_not_one_per_round()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("adapter-away");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost);
        await system.StopAdapterAsync();
        // #2 came, #1 did not, and the adapter that would resend it is down for maintenance.
        await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange("natural-resources"),
            System.Text.Json.JsonSerializer.Serialize(Samples.HangzhouChangeSet(sequence: 2), System.Text.Json.JsonSerializerOptions.Web));

        // Asked every 5 s and never expiring, this was 7 requests, two of them whole-stream snapshots.
        await Task.Delay(TimeSpan.FromSeconds(40));
        var waiting = await PlainJsonPublisher.ReadyAsync(virtualHost, Topology.AdapterRequestQueue("natural-resources"));
        Assert.True(waiting <= 2, $"{waiting} requests wait for the adapter");
        await system.StartAdapterAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.True(Position(system).LastSequence <= NativeSchemasLayers(), $"on its return the adapter numbered {Position(system).LastSequence} change sets: at most one snapshot of {NativeSchemasLayers()} layers");
    }

    /// <summary>
    /// #1 reaches the hub; #2 is published while the hub is stopped and purged from its queue (a broker that lost
    /// it), optionally also deleted from the adapter's outbox (an adapter restored from an old backup); #3 arrives.
    /// </summary>
    static async Task LoseChangeSetTwoAsync(ZoningHubSystem system, Uri virtualHost, bool alsoFromTheOutbox = false)
    {
        system.DropExport(Layer, "redlines-1.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 1, "the hub applies #1");

        await system.StopHubAsync();
        system.DropExport(Layer, "redlines-2.geojson", RedlineExports.Version(2));
        await Eventually.HoldsAsync(() => Position(system).LastConfirmed == 2, "#2 is confirmed by the broker");
        Assert.Equal(1u, await PlainJsonPublisher.PurgeAsync(virtualHost, Topology.HubIntakeQueue));
        if (alsoFromTheOutbox)
        {
            await using var outbox = new SqliteConnection($"Data Source={Path.Combine(system.AdapterStateDirectory, "adapter.db")}");
            await outbox.OpenAsync();
            await using var delete = outbox.CreateCommand();
            delete.CommandText = "DELETE FROM outbox WHERE sequence = 2";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        system.DropExport(Layer, "redlines-3.geojson", RedlineExports.Version(3));
        await Eventually.HoldsAsync(() => Position(system).LastConfirmed == 3, "#3 is confirmed by the broker");
        await system.StartHubAsync();
    }

    static int NativeSchemasLayers() => ZoningHub.Adapters.Kit.Departments.NativeSchemas.OneMap().Layers.Count;

    static ZoningHub.Adapters.Kit.Outbox.OutboxPosition Position(ZoningHubSystem system) =>
        system.Adapter.Service<AdapterRegistry>().All[0].Store.Position();

    /// <summary>In effect: the hub holds exactly what the adapter last published, each change set applied once.</summary>
    static void AssertHubMatchesAdapter(ZoningHubSystem system, int appliedChangeSets)
    {
        var published = system.Adapter.Service<AdapterRegistry>().All[0].Store.Published(Layer);
        var expected = published.ToDictionary(p => p.Key, p => p.Value[..16]).OrderBy(p => p.Key, StringComparer.Ordinal);
        Assert.Equal(expected, system.HubFeatures(Layer).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(RedlineExports.Ids().Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(appliedChangeSets, system.HubStream(Stream).Applied);
    }
}
