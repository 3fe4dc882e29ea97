using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// A message the hub cannot read at all goes to the intake's error queue, which nothing in the hub consumes: the
/// status shows how many wait there, so an operator sees them without the broker's management UI.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_a_message_lands_in_the_intake_error_queue(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_show_the_queues_depth_in_the_status()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("error-queue-depth");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);

        await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange("natural-resources"), "{ this is not json");

        var errorQueue = Topology.HubIntakeQueue + "_error";
        await Eventually.HoldsAsync(async () => (await system.GetJsonAsync("/api/status")).GetProperty("brokerQueues").EnumerateArray()
            .Any(q => q.GetProperty("queue").GetString() == errorQueue && q.GetProperty("messages").GetInt64() == 1),
            () => $"the status shows one message in {errorQueue}", seconds: 40);
    }
}
