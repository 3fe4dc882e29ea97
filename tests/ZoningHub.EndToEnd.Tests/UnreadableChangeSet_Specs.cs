using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// DESIGN §5: refused input is kept with its reason where operators see it, and the department that published it hears
/// of it. A message the hub could not read at all (not JSON, or a member of another JSON type than the schema's) went to
/// the broker's intake error queue instead: counted on the status but listed nowhere, and the department, whose system
/// may not run .NET and publishes plain JSON, never heard why its change set did not count.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_a_department_publishes_a_message_the_hub_cannot_read(RabbitMqBroker broker)
{
    const string Department = "natural-resources";
    const string NotJson = "{ \"stream\": \"natural-resources.one-map\", oops";

    [Fact]
    public async Task Should_quarantine_it_with_the_readers_reason_tell_the_department_and_let_the_next_change_set_flow()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("unreadable");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        var followed = await FollowRejectionsAsync(virtualHost);
        var exchange = Topology.ChangeSetExchange(Department);
        var mistyped = JsonSerializer.SerializeToNode(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web)!.AsObject();
        mistyped["sequence"] = "1";

        await PlainJsonPublisher.PublishAsync(virtualHost, exchange, NotJson);
        await PlainJsonPublisher.PublishAsync(virtualHost, exchange, mistyped.ToJsonString());
        await PlainJsonPublisher.PublishAsync(virtualHost, exchange, JsonSerializer.Serialize(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web));

        await Eventually.HoldsAsync(() => system.NodeUnits().Count == Samples.HangzhouCountyCount, "the good change set reaches the node");
        var listed = default(JsonElement);
        await Eventually.HoldsAsync(async () => (listed = await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 2,
            () => $"both unreadable messages are quarantined: {listed}");
        var entries = (await system.GetJsonAsync("/api/quarantine")).EnumerateArray().ToDictionary(e => e.GetProperty("stream").GetString()!);

        // The body that is not JSON names nothing; the reader's reason says where it stops being JSON.
        var notJson = entries[""];
        var reason = Assert.Single(notJson.GetProperty("reasons").EnumerateArray());
        Assert.Equal(RejectionRules.BodyUnreadable, reason.GetProperty("rule").GetString());
        Assert.Contains("BytePositionInLine", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(NotJson, system.Hub.Service<QuarantineStore>().Body(notJson.GetProperty("id").GetInt64()));
        // The mistyped one names its stream, and the member at fault.
        var named = entries["natural-resources.one-map"];
        var namedWhy = Assert.Single(named.GetProperty("reasons").EnumerateArray()).GetProperty("message").GetString()!;
        Assert.True(namedWhy.Contains("$.sequence", StringComparison.Ordinal), namedWhy);
        // Neither has a place in its stream to be replayed at: the department publishes it again, corrected.
        Assert.All(entries.Values, e => Assert.Equal(JsonValueKind.String, e.GetProperty("notReplayable").ValueKind));
        Assert.Equal(1, system.HubStream("natural-resources.one-map").LastSequence);

        // The department hears of both, on its own rejection exchange.
        var heard = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            while (await PlainJsonPublisher.GetAsync(virtualHost, followed) is { } message)
            {
                heard.Add(JsonDocument.Parse(message.Body).RootElement.GetProperty("message").Clone());
            }

            return heard.Count == 2;
        }, () => $"the department hears of both refusals (heard {heard.Count})");
        Assert.Equal(entries.Values.Select(e => e.GetProperty("id").GetInt64()).Order(), heard.Select(h => h.GetProperty("quarantineId").GetInt64()).Order());
        Assert.All(heard, h => Assert.Equal(RejectionRules.BodyUnreadable,
            Assert.Single(h.GetProperty("rejections").EnumerateArray()).GetProperty("rule").GetString()));

        // Delivered again, the same body finds its entry; nothing went to the error queue.
        await PlainJsonPublisher.PublishAsync(virtualHost, exchange, NotJson);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await system.GetJsonAsync("/api/quarantine")).GetArrayLength());
        Assert.True(await PlainJsonPublisher.ReadyAsync(virtualHost, Topology.HubIntakeQueue + "_error") is null or 0, "nothing went to the intake's error queue");
    }

    [Fact]
    public async Task Should_leave_it_in_the_error_queue_once_with_its_reason_when_the_quarantine_cannot_be_written()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("unreadable-unquarantined");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        // The store refuses every new quarantine entry, as a store failing that one write would.
        using (var connection = system.Hub.Service<HubDatabase>().Open())
        {
            connection.Execute(null, "CREATE TRIGGER refuse_quarantine BEFORE INSERT ON quarantine BEGIN SELECT RAISE(ABORT, 'quarantine refused for the spec'); END");
        }

        await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange(Department), NotJson);
        await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange(Department), JsonSerializer.Serialize(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web));

        await Eventually.HoldsAsync(() => system.NodeUnits().Count == Samples.HangzhouCountyCount, "the good change set reaches the node");
        var errorQueue = Topology.HubIntakeQueue + "_error";
        await Eventually.HoldsAsync(async () => await PlainJsonPublisher.ReadyAsync(virtualHost, errorQueue) is > 0, "the message is kept in the intake's error queue");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1u, await PlainJsonPublisher.ReadyAsync(virtualHost, errorQueue));
        var kept = (await PlainJsonPublisher.GetAsync(virtualHost, errorQueue))!;
        Assert.Equal(NotJson, System.Text.Encoding.UTF8.GetString(kept.Body.Span));
        Assert.True(kept.BasicProperties.Headers!.ContainsKey("MT-Fault-Message"), "the error queue's copy says why it failed");
        Assert.Equal(0, (await system.GetJsonAsync("/api/quarantine")).GetArrayLength());
    }

    /// <summary>A queue on the department's rejection exchange, as the department's own system would follow it.</summary>
    static async Task<string> FollowRejectionsAsync(Uri virtualHost)
    {
        var queue = Topology.AdapterPrefix(Department) + ".rejections-followed";
        await using var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Topology.RejectionExchange(Department), ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, Topology.RejectionExchange(Department), "");
        return queue;
    }
}
