using MassTransit;
using Microsoft.Extensions.Logging;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Contracts;

namespace ZoningHub.Adapters.Kit.Requests;

/// <summary>
/// Answers the hub's requests: a resend repeats change sets from the outbox unchanged (same numbers, same
/// content); a snapshot is numbered after everything else and goes out through the outbox like any change set. A
/// request for what follows a number this adapter never gave moves its numbering past it (<see cref="DepartmentAdapter.ContinueAfter"/>).
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

        // Asked for what follows a number past any this store gave: the hub applied them, and the store forgot them.
        if (adapter.ContinueAfter(request.FromSequence - 1) is { } before)
        {
            logger.LogWarning("Stream {Stream}: the hub asks for what follows #{HubLast}, but this adapter numbered only up to #{Last}: its store was put back "
                + "from a backup or lost. Numbering goes on from #{Next}, and the next export of each layer is sent whole, as a snapshot of the layer, "
                + "so the hub takes the department's state as it is then", request.Stream, request.FromSequence - 1, before, request.FromSequence);
        }

        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange(adapter.Options.Department)}"));
        var resent = adapter.Store.Range(request.FromSequence, request.ToSequence ?? long.MaxValue);
        foreach (var changeSet in resent)
        {
            try
            {
                await endpoint.Send(changeSet, MandatorySend.Flag, context.CancellationToken);
            }
            catch (Exception e) when (!context.CancellationToken.IsCancellationRequested)
            {
                // Unflagged, a resend nothing was bound to take was confirmed, dropped and logged as resent; the request
                // now goes to this queue's error queue, which the hub's status counts, and the hub asks again.
                logger.LogWarning("Could not resend {Stream} #{Sequence} on request: {Reason}", request.Stream, changeSet.Sequence, PublishFailure.Explain(e));
                throw;
            }
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
