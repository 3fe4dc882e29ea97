using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Intake;

/// <summary>
/// How many messages wait in the broker's queues that nothing consumes: the intake's error queue (messages whose intake
/// failed beyond its retries; one the hub cannot read is quarantined instead, unless the quarantine could not be written), the dead-letter queue (messages the broker gave up delivering) and each department
/// adapter's request error queue (resend and snapshot requests its adapter failed to answer). They are kept
/// there for an operator, who reads them and moves them back with <see cref="BrokerQueueMessages"/>; this makes them
/// seen on <c>/api/status</c> and the dashboard instead of only in the broker's management UI. On the in-memory bus there are none.
/// </summary>
public sealed class BrokerQueues(IOptions<BusOptions> bus, ILogger<BrokerQueues> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>The queues watched, with what their messages are.</summary>
    public static readonly IReadOnlyDictionary<string, string> Watched = new Dictionary<string, string>(
        LayerCatalog.Departments.Select(d => KeyValuePair.Create(Topology.AdapterRequestQueue(d) + "_error",
            $"the hub's resend and snapshot requests the {d} adapter failed to answer (the reason is in each message's MT-Fault-Message header); "
            + "the hub asks again while its gap stays open")),
        StringComparer.Ordinal)
    {
        [Topology.HubIntakeQueue + "_error"] = "messages whose intake failed beyond its retries (the reason is in each message's MT-Fault-Message header); "
            + "a message the hub cannot read is quarantined instead, and lands here only when its quarantine could not be written",
        [Topology.Prefix + ".dead-letter"] = "messages the broker stopped delivering after repeated failures",
    };

    readonly ConcurrentDictionary<string, BrokerQueueDepth> _depths = new(StringComparer.Ordinal);

    /// <summary>The watched queues as last read, those holding messages or unreadable first.</summary>
    public IReadOnlyList<BrokerQueueDepth> Depths() =>
        [.. _depths.Values.OrderByDescending(d => d.Messages > 0 || d.Error is not null).ThenBy(d => d.Queue, StringComparer.Ordinal)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bus.Value.Transport != BusTransport.RabbitMq || bus.Value.RabbitMqUrl is not { } url)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            await ReadAsync(url, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>A watched queue's depth as an operator's move just read it (<see cref="BrokerQueueMessages"/>), rather than at the next round.</summary>
    public void Record(string queue, uint messages) => _depths[queue] = new BrokerQueueDepth(queue, messages, Watched[queue], null, DateTimeOffset.UtcNow);

    async Task ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = url, ClientProvidedName = "zoninghub.hub.queue-depths" }
                .CreateConnectionAsync(cancellationToken);
            foreach (var (queue, meaning) in Watched)
            {
                // A passive declaration that fails closes its channel, so each queue is asked on a channel of its own.
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                try
                {
                    var depth = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                    _depths[queue] = new BrokerQueueDepth(queue, depth.MessageCount, meaning, null, DateTimeOffset.UtcNow);
                }
                catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                {
                    _depths[queue] = new BrokerQueueDepth(queue, 0, meaning, null, DateTimeOffset.UtcNow);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not read the depth of the broker's error queues: {Reason}", e.Message);
            foreach (var (queue, meaning) in Watched)
            {
                _depths[queue] = new BrokerQueueDepth(queue, _depths.GetValueOrDefault(queue)?.Messages ?? 0, meaning, e.Message, DateTimeOffset.UtcNow);
            }
        }
    }
}

/// <summary>A broker queue nothing in the hub consumes, as last read.</summary>
/// <param name="Error">Why it could not be read, when it could not.</param>
public sealed record BrokerQueueDepth(string Queue, uint Messages, string Meaning, string? Error, DateTimeOffset CheckedAt);
