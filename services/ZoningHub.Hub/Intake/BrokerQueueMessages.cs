using System.Text;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// An operator's hands on the broker queues the hub watches (<see cref="BrokerQueues"/>): what waits in one, read
/// without taking it, and its messages moved back to the queue they failed in once what failed them is mended. Before,
/// both needed the broker's management UI, which an operator of the hub may not be given.
/// </summary>
public sealed class BrokerQueueMessages(IOptions<BusOptions> bus, BrokerQueues depths, ILogger<BrokerQueueMessages> logger)
{
    public const int MaxPeek = 100;

    /// <summary>
    /// Up to <paramref name="limit"/> of the messages waiting in <paramref name="queue"/>, oldest first, left there:
    /// taken unacknowledged, they go back when the channel closes (marked redelivered).
    /// </summary>
    public async Task<IReadOnlyList<WaitingMessage>> PeekAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync("peek", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var messages = new List<WaitingMessage>();
        try
        {
            while (messages.Count < limit && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } message)
            {
                messages.Add(WaitingMessage.Of(messages.Count + 1, message, TargetOf(queue, message.BasicProperties)));
            }
        }
        catch (OperationInterruptedException e) when (NoSuchQueue(e))
        {
            // Declared by the first message that fails there: none has yet.
        }

        return messages;
    }

    /// <summary>
    /// Moves the messages waiting in <paramref name="queue"/> back to the queue each failed in, oldest first, as many as
    /// waited when asked: one that fails again comes back behind them rather than round and round. Each is published
    /// mandatory and confirmed by the broker before it is taken off this queue, so a crash between the two leaves it in
    /// both, never in neither; intake and the adapters take a message twice as once.
    /// </summary>
    /// <param name="count">At most this many: the oldest, as read (<see cref="PeekAsync"/>), to try one before the rest.</param>
    public async Task<MovedBack> MoveBackAsync(string queue, int? count, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync("move-back", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        uint waiting;
        try
        {
            waiting = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (NoSuchQueue(e))
        {
            return new(queue, 0, [], 0, null);
        }

        var asked = count is { } most ? Math.Min((uint)most, waiting) : waiting;
        var (moved, to, stopped) = (0, new SortedSet<string>(StringComparer.Ordinal), (string?)null);
        while (moved < asked && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } message)
        {
            if (TargetOf(queue, message.BasicProperties) is not { } target)
            {
                stopped = $"message {moved + 1} names no queue it failed in (no x-death header); it is left first in {queue}";
                await channel.BasicRejectAsync(message.DeliveryTag, requeue: true, cancellationToken);
                break;
            }

            try
            {
                await channel.BasicPublishAsync("", target, mandatory: true, new BasicProperties(message.BasicProperties), message.Body, cancellationToken);
            }
            catch (PublishException e)
            {
                stopped = $"the broker did not take message {moved + 1} into {target} ({(e.IsReturn ? "no such queue" : "refused")}); it is left first in {queue}";
                await channel.BasicRejectAsync(message.DeliveryTag, requeue: true, cancellationToken);
                break;
            }

            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
            to.Add(target);
        }

        logger.LogInformation("Moved {Moved} of {Waiting} messages from {Queue} back to {Targets}{Stopped}", moved, asked, queue, string.Join(", ", to),
            stopped is null ? "" : $"; stopped: {stopped}");
        var remaining = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        depths.Record(queue, remaining);
        return new(queue, moved, [.. to], (int)remaining, stopped);
    }

    /// <summary>
    /// The queue a message failed in: an error queue's is its own name without <c>_error</c> (MassTransit's naming); a
    /// dead-lettered message names its queue in its first <c>x-death</c> entry.
    /// </summary>
    static string? TargetOf(string queue, IReadOnlyBasicProperties properties) =>
        queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? queue[..^ErrorSuffix.Length]
        : properties.Headers is { } headers && headers.TryGetValue("x-death", out var deaths) && deaths is IList<object> { Count: > 0 } list
          && list[0] is IDictionary<string, object?> death && death.TryGetValue("queue", out var name) && name is byte[] bytes ? Encoding.UTF8.GetString(bytes)
        : null;

    const string ErrorSuffix = "_error";

    static bool NoSuchQueue(OperationInterruptedException e) => e.ShutdownReason?.ReplyCode == 404;

    // A connection of its own, named for the broker's connection list; the endpoints refuse the in-memory bus first.
    Task<IConnection> ConnectAsync(string what, CancellationToken cancellationToken) => new ConnectionFactory
    {
        Uri = bus.Value.RabbitMqUrl ?? throw new InvalidOperationException("The hub runs on no broker (Bus:RabbitMqUrl)."),
        ClientProvidedName = $"zoninghub.hub.queue-{what}",
    }.CreateConnectionAsync(cancellationToken);
}

/// <summary>What a move back did.</summary>
/// <param name="Remaining">What waits in the queue after it: messages that arrived meanwhile, or those after a stop.</param>
/// <param name="Stopped">Why it stopped before moving every message asked for, or null.</param>
public sealed record MovedBack(string Queue, int Moved, IReadOnlyList<string> To, int Remaining, string? Stopped);
