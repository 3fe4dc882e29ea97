using Microsoft.Extensions.Options;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>What every node pusher shares.</summary>
/// <param name="Clock">Its monotonic timestamps time the pushers' schedules; its wall clock only dates what people are shown.</param>
public sealed record NodePusherContext(
    HubOptions Options, NodeStore Nodes, UnitLogReader Log, SnapshotSource Snapshots, UnitLogSignal Signal, NodeRequests Requests, TimeProvider Clock, ILogger Logger);

/// <summary>Runs one <see cref="NodePusher"/> per registered node for the life of the hub.</summary>
public sealed class NodePushWorker(
    IOptions<HubOptions> options,
    NodeStore nodes,
    UnitLogReader log,
    UnitLogSignal signal,
    NodeRequests requests,
    TimeProvider clock,
    ILogger<NodePusher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var context = new NodePusherContext(options.Value, nodes, log, new SnapshotSource(log), signal, requests, clock, logger);
        nodes.RegisterOnly(options.Value.Nodes.Select(node => (node.Id, node.Scope, node.Address!.ToString())));
        var pushers = options.Value.Nodes.Select(node => new NodePusher(context, node)).ToList();
        return Task.WhenAll(pushers.Select(pusher => pusher.RunAsync(stoppingToken)));
    }
}
