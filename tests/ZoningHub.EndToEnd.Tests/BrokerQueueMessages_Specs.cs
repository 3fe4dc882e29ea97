using System.Net;
using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Messages in the intake's error queue wait for an operator. Before, the hub only counted them: reading why each failed
/// and moving them back once that was mended needed the broker's management UI, which a hub operator may not be given.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_an_operator_moves_the_intake_error_queue_back(RabbitMqBroker broker)
{
    const string Department = "natural-resources";
    static readonly string ErrorQueue = Topology.HubIntakeQueue + "_error";
    static readonly string[] Bodies = ["{ \"stream\": \"natural-resources.one-map\", oops", "not json at all"];

    [Fact]
    public async Task Should_show_why_each_failed_and_take_them_once_what_failed_them_is_mended()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("move-back");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);
        // The store refuses every new quarantine entry: a message the hub cannot read has nowhere to go but the error queue.
        Execute(system, "CREATE TRIGGER refuse_quarantine BEFORE INSERT ON quarantine BEGIN SELECT RAISE(ABORT, 'quarantine refused for the spec'); END");
        foreach (var body in Bodies)
        {
            await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange(Department), body);
        }

        await Eventually.HoldsAsync(async () => await PlainJsonPublisher.ReadyAsync(virtualHost, ErrorQueue) == 2, "both wait in the intake's error queue");

        var waiting = await system.AsOperatorJsonAsync(HttpMethod.Get, $"/api/broker-queues/{ErrorQueue}/messages");
        // In the order they failed, which intake's batches do not fix.
        Assert.Equal(Bodies.Order(StringComparer.Ordinal), waiting.EnumerateArray().Select(m => m.GetProperty("body").GetString()).Order(StringComparer.Ordinal));
        Assert.All(waiting.EnumerateArray(), m =>
        {
            // The reader's reason, with its place: why the hub could not take it.
            Assert.Contains("LineNumber: 0 | BytePositionInLine:", m.GetProperty("faultMessage").GetString(), StringComparison.Ordinal);
            Assert.Equal(Topology.HubIntakeQueue, m.GetProperty("failedIn").GetString());
        });
        await Eventually.HoldsAsync(async () => await PlainJsonPublisher.ReadyAsync(virtualHost, ErrorQueue) == 2, "reading them left them there");

        await Eventually.HoldsAsync(async () => await StatusDepthAsync(system) == 2, "the status counts both", seconds: 40);

        Execute(system, "DROP TRIGGER refuse_quarantine");
        // The oldest first, to see it taken before the rest go.
        var first = await system.AsOperatorJsonAsync(HttpMethod.Post, $"/api/broker-queues/{ErrorQueue}/move-back?count=1");
        Assert.Equal((1, 1), (first.GetProperty("moved").GetInt32(), first.GetProperty("remaining").GetInt32()));
        var entries = default(JsonElement);
        await Eventually.HoldsAsync(async () => (entries = await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 1,
            () => $"the oldest is quarantined (the quarantine holds {entries})");
        using (var body = await system.AsOperatorAsync(HttpMethod.Get, $"/api/quarantine/{entries[0].GetProperty("id").GetInt64()}/body"))
        {
            Assert.Equal(waiting[0].GetProperty("body").GetString(), await body.Content.ReadAsStringAsync());
        }

        var moved = await system.AsOperatorJsonAsync(HttpMethod.Post, $"/api/broker-queues/{ErrorQueue}/move-back");

        Assert.Equal((1, 0), (moved.GetProperty("moved").GetInt32(), moved.GetProperty("remaining").GetInt32()));
        Assert.Equal([Topology.HubIntakeQueue], moved.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        await Eventually.HoldsAsync(async () => (entries = await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 2,
            () => $"both are quarantined as unreadable now that the quarantine takes entries (it holds {entries})");
        Assert.All(entries.EnumerateArray(), e => Assert.Equal("message.unreadable", e.GetProperty("reasons")[0].GetProperty("rule").GetString()));
        Assert.Equal(0u, await PlainJsonPublisher.ReadyAsync(virtualHost, ErrorQueue)); // taken off it, not only copied
        // At once, not at the status's next round of the broker's queues (every 10 s).
        Assert.Equal(0, await StatusDepthAsync(system));
    }

    static async Task<long> StatusDepthAsync(ZoningHubSystem system) => (await system.GetJsonAsync("/api/status")).GetProperty("brokerQueues").EnumerateArray()
        .Single(q => q.GetProperty("queue").GetString() == ErrorQueue).GetProperty("messages").GetInt64();

    [Fact]
    public async Task Should_refuse_a_queue_it_does_not_watch_such_as_the_live_intake()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("move-back-refused");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);

        var intake = await system.AsOperatorAsync(HttpMethod.Post, $"/api/broker-queues/{Topology.HubIntakeQueue}/move-back");
        var anonymous = await system.Http.PostAsync(new Uri(system.Hub.HttpUrl, $"/api/broker-queues/{ErrorQueue}/move-back"), null);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Unauthorized), (intake.StatusCode, anonymous.StatusCode));
        Assert.Contains("watches no broker queue named", await intake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static void Execute(ZoningHubSystem system, string sql)
    {
        using var connection = system.Hub.Service<HubDatabase>().Open();
        connection.Execute(null, sql);
    }
}

/// <summary>
/// The deployment's queues dead-letter what the broker stops delivering into <c>zoninghub.dead-letter</c>, one queue for
/// all of them: each message names the queue it was dead-lettered from in its <c>x-death</c> header, and goes back there.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_an_operator_moves_the_dead_letter_queue_back(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_send_each_message_back_to_the_queue_it_was_dead_lettered_from()
    {
        var users = await DeploymentBroker.CreateAsync(broker, "dead-letter-back");
        await using var system = await ZoningHubSystem.StartAsync(users["hub"], withAdapter: false);
        const string source = "zoninghub.spec.dead-lettered", deadLetter = "zoninghub.dead-letter";
        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = users["hub"] }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            // A quorum queue, as the deployment's are, under its policy for zoninghub.* queues: dead-lettered into zoninghub.dead-letter.
            await channel.QueueDeclareAsync(source, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await channel.BasicPublishAsync("", source, mandatory: true, new RabbitMQ.Client.BasicProperties(), System.Text.Encoding.UTF8.GetBytes("given up on"));
            RabbitMQ.Client.BasicGetResult? taken = null;
            await Eventually.HoldsAsync(async () => (taken = await channel.BasicGetAsync(source, autoAck: false)) is not null, "the message reaches its queue");
            await channel.BasicRejectAsync(taken!.DeliveryTag, requeue: false);
        }

        await Eventually.HoldsAsync(async () => await PlainJsonPublisher.ReadyAsync(users["hub"], deadLetter) == 1, "the broker dead-letters it");
        var waiting = await system.AsOperatorJsonAsync(HttpMethod.Get, $"/api/broker-queues/{deadLetter}/messages");
        Assert.Equal(source, Assert.Single(waiting.EnumerateArray()).GetProperty("failedIn").GetString());

        var moved = await system.AsOperatorJsonAsync(HttpMethod.Post, $"/api/broker-queues/{deadLetter}/move-back");

        Assert.Equal([source], moved.GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        // A quorum queue's count follows its log: asked at once, it may not show the message the broker confirmed yet.
        await Eventually.HoldsAsync(async () => (await PlainJsonPublisher.ReadyAsync(users["hub"], source), await PlainJsonPublisher.ReadyAsync(users["hub"], deadLetter)) == (1u, 0u),
            "the message is back in its queue and gone from the dead-letter queue");
    }
}
