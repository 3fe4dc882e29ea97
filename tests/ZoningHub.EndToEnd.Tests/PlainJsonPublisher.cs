using System.Text;
using RabbitMQ.Client;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>Publishes the way a department system without .NET would: RabbitMQ.Client, plain JSON, no MassTransit.</summary>
static class PlainJsonPublisher
{
    public static async Task PublishAsync(Uri amqp, string exchange, string body, string? contentType = "application/json")
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: true, basicProperties: properties, body: Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Takes one message off a queue, or null when it is empty.</summary>
    public static async Task<BasicGetResult?> GetAsync(Uri amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.BasicGetAsync(queue, autoAck: true);
    }
}
