using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Intake;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Api;

/// <summary>
/// The operator's actions on the broker queues the status watches (<c>brokerQueues</c>): read what waits in one, and
/// move its messages back to the queue they failed in. Reading is an action too: the bodies are departments' data,
/// as a quarantine entry's body is.
/// </summary>
static class BrokerQueueEndpoints
{
    public static void MapBrokerQueueActions(this RouteGroupBuilder actions)
    {
        actions.MapGet("/broker-queues/{queue}/messages", (BrokerQueueMessages messages, IOptions<BusOptions> bus, string queue, int? limit,
            CancellationToken cancellationToken) => limit is < 1 or > BrokerQueueMessages.MaxPeek
                ? Task.FromResult(Results.Problem($"limit must be from 1 to {BrokerQueueMessages.MaxPeek} messages (it was {limit}).", statusCode: 400))
                : AskAsync(bus.Value, queue, async () => Results.Ok(await messages.PeekAsync(queue, limit ?? 10, cancellationToken))));
        // Not stopped by the request's end, as a compaction is not: a client giving up does not leave the move half done.
        actions.MapPost("/broker-queues/{queue}/move-back", (BrokerQueueMessages messages, IOptions<BusOptions> bus, IHostApplicationLifetime lifetime, string queue,
            int? count) => count is < 1
                ? Task.FromResult(Results.Problem($"count must be at least 1 (it was {count}); leave it out to move back every message that waits.", statusCode: 400))
                : AskAsync(bus.Value, queue, async () => Results.Ok(await messages.MoveBackAsync(queue, count, lifetime.ApplicationStopping))));
    }

    static async Task<IResult> AskAsync(BusOptions bus, string queue, Func<Task<IResult>> ask)
    {
        if (!BrokerQueues.Watched.ContainsKey(queue))
        {
            return Results.Problem($"The hub watches no broker queue named {QuotedInput.Of(queue)}; /api/status lists those it does under brokerQueues.", statusCode: 404);
        }

        if (bus.Transport != BusTransport.RabbitMq || bus.RabbitMqUrl is null)
        {
            return Results.Problem("This hub runs on the in-memory bus (Bus:Transport), which keeps no broker queues.", statusCode: 409);
        }

        try
        {
            return await ask();
        }
        catch (Exception e) when (e is BrokerUnreachableException or RabbitMQClientException)
        {
            return Results.Problem($"The broker did not answer for {queue}: {e.Message}", statusCode: 502);
        }
    }
}
