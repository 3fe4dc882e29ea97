using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>
/// Drains the outbox in sequence order to the department's exchange, marking each change set only after the
/// broker confirmed it. While the broker is down the outbox keeps filling and is drained, in order, when it is back.
/// </summary>
public sealed class OutboxPublisher(DepartmentAdapter adapter, ISendEndpointProvider sender, AdapterMetrics metrics, ILogger<OutboxPublisher> logger)
    : BackgroundService
{
    static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var exchange = new Uri($"exchange:{Topology.ChangeSetExchange(adapter.Options.Department)}");
        var (failures, requeued) = (0, false);
        while (!stoppingToken.IsCancellationRequested)
        {
            long? sending = null;
            try
            {
                // Once, at start, and in the retry like the rest: a store that is busy then must not stop the host.
                if (!requeued)
                {
                    adapter.Store.RequeueNewest();
                    requeued = true;
                }

                var endpoint = await sender.GetSendEndpoint(exchange);
                foreach (var (changeSet, traceParent) in adapter.Store.Queued(100))
                {
                    // In the trace of the export that queued it: MassTransit's send span, and so the hub's intake, follow from here.
                    using var span = ZoningHubActivity.Start("adapter.publish", traceParent)
                        ?.SetTag("zoninghub.stream", changeSet.Stream).SetTag("zoninghub.sequence", changeSet.Sequence);
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    timeout.CancelAfter(SendTimeout);
                    sending = changeSet.Sequence;
                    try
                    {
                        // Come back unbound, it stays in the outbox and is sent again (MandatorySend).
                        await endpoint.Send(changeSet, MandatorySend.Flag, timeout.Token);
                    }
                    catch (Exception e)
                    {
                        span.Failed(PublishFailure.Explain(e));
                        throw;
                    }

                    adapter.PublishFailure = null;
                    adapter.Store.MarkPublished(changeSet.Sequence);
                    metrics.Published(changeSet.Stream);
                    logger.LogInformation("Published {Stream} #{Sequence} ({Layer}, {Features} features)",
                        changeSet.Stream, changeSet.Sequence, changeSet.Layer, changeSet.Features.Count);
                }

                (failures, adapter.PublishFailure) = (0, null);
                if (adapter.Store.Position().Depth == 0)
                {
                    await adapter.Outbox.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var reason = PublishFailure.Explain(e);
                // Since when and how often this change set has failed: an earlier one's failures are not its own.
                adapter.PublishFailure = adapter.PublishFailure is { } previous && previous.Sequence == sending
                    ? previous with { Reason = reason, Attempts = previous.Attempts + 1 }
                    : new PublishFailure(sending, reason, DateTimeOffset.UtcNow, 1);
                logger.LogWarning("Publishing {Stream} #{Sequence} failed ({Reason}); outbox kept, retry {Attempt}", adapter.Options.Stream, sending, reason, failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures, 8)))), stoppingToken);
            }
        }
    }
}
