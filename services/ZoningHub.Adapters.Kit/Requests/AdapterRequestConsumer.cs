using MassTransit;
using Microsoft.Extensions.Logging;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Requests;

/// <summary>
/// Answers the hub's requests: a resend repeats change sets from the outbox unchanged (same numbers, same
/// content); a snapshot is numbered after everything else and goes out through the outbox like any change set.
/// </summary>
public sealed class AdapterRequestConsumer(AdapterRegistry adapters, ILogger<AdapterRequestConsumer> logger)
    : IConsumer<ResendChangeSets>, IConsumer<SendSnapshot>
{
    public async Task Consume(ConsumeContext<ResendChangeSets> context)
    {
        var request = context.Message;
        if (Find(request.Stream) is not { } adapter)
        {
            return;
        }

        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange(adapter.Options.Department)}"));
        var resent = adapter.Store.Range(request.FromSequence, request.ToSequence ?? long.MaxValue);
        foreach (var changeSet in resent)
        {
            await endpoint.Send(changeSet, context.CancellationToken);
        }

        logger.LogInformation("Resent {Count} change sets of {Stream} from #{FromSequence} on request: {Reason}",
            resent.Count, request.Stream, request.FromSequence, request.Reason);
    }

    public Task Consume(ConsumeContext<SendSnapshot> context)
    {
        var request = context.Message;
        if (Find(request.Stream) is { } adapter)
        {
            if (request.Layer.Length > 0 && !adapter.Options.Layers.ContainsKey(request.Layer))
            {
                logger.LogWarning("Ignored a snapshot request for layer {Layer}: stream {Stream} publishes {Layers}",
                    request.Layer, request.Stream, string.Join(", ", adapter.Options.Layers.Keys));
                return Task.CompletedTask;
            }

            var snapshot = adapter.Snapshot(request.Layer);
            logger.LogInformation("Queued a snapshot of {Stream} ({Layer}) as #{First}–#{Last} on request: {Reason}", request.Stream,
                request.Layer.Length > 0 ? request.Layer : "every layer", snapshot[0].Sequence, snapshot[^1].Sequence, request.Reason);
        }

        return Task.CompletedTask;
    }

    DepartmentAdapter? Find(string stream)
    {
        var adapter = adapters.ForStream(stream);
        if (adapter is null)
        {
            logger.LogWarning("Ignored a request for stream {Stream}; this process publishes {Streams}",
                stream, string.Join(", ", adapters.All.Select(a => a.Options.Stream)));
        }

        return adapter;
    }
}
