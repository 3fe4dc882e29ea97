using System.Text;
using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// Review of the distributed deployment: the hub's resend and snapshot requests live only until the next one is due
/// (GapWatcher: "an adapter that was away takes one"), so a request nobody took expires. On the deployment's broker
/// (infra/rabbitmq/definitions.json) the policy <c>zoninghub-queues</c> gives every <c>zoninghub.*</c> queue but the
/// dead-letter queue a dead-letter exchange, the adapters' request queues included; an expired request is therefore
/// not dropped but dead-lettered into <c>zoninghub.dead-letter</c>, which the hub's status and dashboard show as
/// "messages the broker stopped delivering after repeated failures", one more for every request while the adapter is away.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_an_adapter_is_away_while_the_hub_asks_it_to_resend(RabbitMqBroker broker)
{
    const string Stream = "natural-resources.one-map";

    [Fact]
    public async Task Should_not_dead_letter_the_requests_that_expired_unread()
    {
        var users = await DeploymentBroker.CreateAsync(broker, "deployment-adapter-away");
        await using var system = await ZoningHubSystem.StartAsync(users["hub"], adapterAmqp: users["adapter-natural-resources"]);
        // The adapter has declared its request queue under its own user; now it is away (a restart, a weekend).
        await system.StopAdapterAsync();

        // #3 arrives without #1–2: the hub holds it and asks the adapter to resend, each request living 10 s at first.
        var early = JsonSerializer.Serialize(Samples.HangzhouChangeSet(Stream, sequence: 3), JsonSerializerOptions.Web);
        await PlainJsonPublisher.PublishAsync(users["adapter-natural-resources"], Topology.ChangeSetExchange("natural-resources"), early);
        await Eventually.HoldsAsync(() => system.HubStream(Stream).Held == 1, "the hub holds #3 for the missing #1–2");

        // Long enough for the first request (sent within 10 s, living 10 s) to have expired unread.
        await Task.Delay(TimeSpan.FromSeconds(40));

        var requests = await PlainJsonPublisher.ReadyAsync(users["hub"], Topology.AdapterRequestQueue("natural-resources"));
        Assert.True(requests >= 1, $"the hub asked the away adapter to resend ({Topology.AdapterRequestQueue("natural-resources")} holds {requests?.ToString() ?? "no queue"})");
        var deadLettered = await PlainJsonPublisher.GetAsync(users["hub"], BrokerDeadLetterQueue);
        Assert.True(deadLettered is null,
            $"{BrokerDeadLetterQueue} holds a message (x-first-death-reason {Header(deadLettered, "x-first-death-reason")}, "
            + $"from {Header(deadLettered, "x-first-death-queue")}): a request that expired unread, counted by the hub's status as a broker delivery failure");
    }

    const string BrokerDeadLetterQueue = Topology.Prefix + ".dead-letter";

    static string Header(RabbitMQ.Client.BasicGetResult? message, string name) =>
        (message?.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value) ? value : null) switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            { } other => other.ToString() ?? "",
            null => "(none)",
        };
}
