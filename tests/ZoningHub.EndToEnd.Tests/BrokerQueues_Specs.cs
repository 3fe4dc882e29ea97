using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// A message whose intake failed beyond its retries goes to the intake's error queue, which nothing in the hub consumes
/// (as does one the hub cannot read whose quarantine could not be written): the status shows how many wait there, so
/// an operator sees them without the broker's management UI.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_a_message_lands_in_the_intake_error_queue(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_show_the_queues_depth_in_the_status()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("error-queue-depth");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost, withAdapter: false);

        // Put there directly: nothing a department can publish reaches it while the hub's store takes writes.
        var errorQueue = Topology.HubIntakeQueue + "_error";
        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync(errorQueue, durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", errorQueue, mandatory: true, basicProperties: new RabbitMQ.Client.BasicProperties(), body: System.Text.Encoding.UTF8.GetBytes("{ \"stream\": \"natural-resources.one-map\" }"));
        }

        await Eventually.HoldsAsync(async () => (await system.GetJsonAsync("/api/status")).GetProperty("brokerQueues").EnumerateArray()
            .Any(q => q.GetProperty("queue").GetString() == errorQueue && q.GetProperty("messages").GetInt64() == 1),
            () => $"the status shows one message in {errorQueue}", seconds: 40);
    }
}

/// <summary>
/// A resend or snapshot request an adapter fails to answer goes to its request queue's error queue, which nothing
/// consumes either: the status shows it beside the intake's, or the adapter's failures go unseen.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_a_request_lands_in_an_adapters_error_queue(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_show_the_queues_depth_in_the_status()
    {
        var users = await DeploymentBroker.CreateAsync(broker, "adapter-error-queue-depth");
        await using var system = await ZoningHubSystem.StartAsync(users["hub"], adapterAmqp: users["adapter-natural-resources"]);
        var requests = Topology.AdapterRequestQueue("natural-resources");
        await Eventually.HoldsAsync(async () => await PlainJsonPublisher.ReadyAsync(users["hub"], requests) is not null, $"the adapter declared {requests}");

        // MassTransit binds an exchange of the queue's name to it; a body it cannot read is moved to the error queue.
        await PlainJsonPublisher.PublishAsync(users["hub"], requests, "{ this is not json");

        var errorQueue = requests + "_error";
        await Eventually.HoldsAsync(async () => (await system.GetJsonAsync("/api/status")).GetProperty("brokerQueues").EnumerateArray()
            .Any(q => q.GetProperty("queue").GetString() == errorQueue && q.GetProperty("messages").GetInt64() == 1),
            () => $"the status shows one message in {errorQueue}", seconds: 40);
    }
}
