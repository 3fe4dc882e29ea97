using Microsoft.Extensions.Options;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>Runs one <see cref="NodePusher"/> per registered node for the life of the hub.</summary>
public sealed class NodePushWorker(
    IOptions<HubOptions> options,
    NodeStore nodes,
    UnitLogReader log,
    UnitLogSignal signal,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pushers = options.Value.Nodes.Select(node =>
        {
            nodes.Register(node.Id, node.Scope, node.Address!.ToString());
            return new NodePusher(node, options.Value, nodes, log, loggers.CreateLogger<NodePusher>());
        }).ToList();
        return Task.WhenAll(pushers.Select(pusher => pusher.RunAsync(signal, stoppingToken)));
    }
}
