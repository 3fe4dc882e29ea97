using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>Publishes the way a department system without .NET would: RabbitMQ.Client, plain JSON, no MassTransit.</summary>
static class PlainJsonPublisher
{
    /// <param name="headers">AMQP headers, such as a W3C <c>traceparent</c> an instrumented publisher puts on its message.</param>
    public static async Task PublishAsync(Uri amqp, string exchange, string body, string? contentType = "application/json",
        IDictionary<string, object?>? headers = null)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString(), Headers = headers,
        };
        await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: true, basicProperties: properties, body: Encoding.UTF8.GetBytes(body));
    }

    /// <summary>
    /// Publishes the bodies back to back on one channel, so the hub takes them in one batch, each as its sender
    /// would: in the sender's span, with that span's W3C <c>traceparent</c> header.
    /// </summary>
    public static async Task PublishAllAsync(Uri amqp, string exchange, IReadOnlyList<(string Body, Activity Sender)> messages)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var (body, sender) in messages)
        {
            // RabbitMQ.Client writes the header itself from its publish span, a child of this one, when something listens.
            Activity.Current = sender;
            var properties = new BasicProperties
            {
                ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString(),
                Headers = new Dictionary<string, object?> { ["traceparent"] = sender.Id },
            };
            await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: true, basicProperties: properties, body: Encoding.UTF8.GetBytes(body));
        }

        Activity.Current = null;
    }

    /// <summary>Messages ready in a queue (not counting those delivered and not yet acknowledged); null when there is no such queue.</summary>
    public static async Task<string> DescribeAsync(Uri amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return $"{queue}: {ok.MessageCount} ready, {ok.ConsumerCount} consumers";
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return $"{queue}: none";
        }
    }

    public static async Task<uint?> ReadyAsync(Uri amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>Deletes an exchange and its bindings, as a department's broker user may.</summary>
    public static async Task DeleteExchangeAsync(Uri amqp, string exchange)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeleteAsync(exchange);
    }

    /// <summary>Empties a queue, as an operator's mistake or a lost broker disk would: its messages are gone.</summary>
    public static async Task<uint> PurgeAsync(Uri amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.QueuePurgeAsync(queue);
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
