using MassTransit;
using Microsoft.Extensions.Logging;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Requests;

/// <summary>Answers the hub's request for a range of change sets from the outbox, unchanged (same numbers, same content).</summary>
public sealed class ResendChangeSetsConsumer(AdapterRuntime adapter, ILogger<ResendChangeSetsConsumer> logger) : IConsumer<ResendChangeSets>
{
    public async Task Consume(ConsumeContext<ResendChangeSets> context)
    {
        var request = context.Message;
        if (request.Stream != adapter.Options.Stream)
        {
            logger.LogWarning("Ignored a resend request for stream {Stream}; this adapter publishes {OwnStream}", request.Stream, adapter.Options.Stream);
            return;
        }

        var to = request.ToSequence ?? long.MaxValue;
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange(adapter.Options.Department)}"));
        foreach (var changeSet in adapter.Store.Range(request.FromSequence, to))
        {
            await endpoint.Send(changeSet, context.CancellationToken);
        }

        logger.LogInformation("Resent {Stream} #{FromSequence}–{ToSequence} on request: {Reason}", request.Stream, request.FromSequence, request.ToSequence, request.Reason);
    }
}
