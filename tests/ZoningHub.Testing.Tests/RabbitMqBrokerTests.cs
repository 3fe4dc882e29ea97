using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace ZoningHub.Testing.Tests;

[Collection(BrokerCollectionDefinition.Name)]
public sealed class RabbitMqBrokerTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task A_fresh_virtual_host_takes_a_published_message_and_hands_it_back()
    {
        var vhostUrl = await broker.CreateVirtualHostAsync(UniqueName("publish"));
        await using var connection = await Connect(vhostUrl);
        await using var channel = await connection.CreateChannelAsync();
        var queue = await channel.QueueDeclareAsync(
            queue: "probe", durable: false, exclusive: false, autoDelete: false);
        // An empty fresh vhost shows the isolation the other tests rely on: nothing left by earlier tests.
        Assert.Equal(0u, queue.MessageCount);

        await channel.BasicPublishAsync(
            exchange: string.Empty, routingKey: "probe", body: Encoding.UTF8.GetBytes("hello"));
        // Same channel, so the broker has routed the publish before it serves this get.
        var got = await channel.BasicGetAsync("probe", autoAck: true);

        Assert.NotNull(got);
        Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));
    }

    [Fact]
    public async Task Stopping_and_starting_the_broker_keeps_a_durable_queues_persistent_message()
    {
        Assert.True(broker.CanStopAndStart, $"{broker.Description} cannot be stopped by tests.");
        var vhostUrl = await broker.CreateVirtualHostAsync(UniqueName("restart"));
        await using (var connection = await Connect(vhostUrl))
        {
            // Publisher confirms: the publish returns only once the broker has taken the message, so it is
            // on disk before the broker stops rather than lost in a socket buffer.
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            await channel.QueueDeclareAsync(queue: "durable", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync(
                exchange: string.Empty,
                routingKey: "durable",
                mandatory: true,
                basicProperties: new BasicProperties { Persistent = true },
                body: Encoding.UTF8.GetBytes("survivor"));
        }

        await broker.StopBrokerAsync();
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(vhostUrl));
        await broker.StartBrokerAsync();

        await using var after = await Connect(vhostUrl);
        await using var afterChannel = await after.CreateChannelAsync();
        var got = await afterChannel.BasicGetAsync("durable", autoAck: true);

        Assert.NotNull(got);
        Assert.Equal("survivor", Encoding.UTF8.GetString(got.Body.Span));
    }

    private static string UniqueName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    private static Task<IConnection> Connect(Uri url) =>
        new ConnectionFactory { Uri = url, AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
}
