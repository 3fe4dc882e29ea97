using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Derivation;
using ZoningHub.ServiceDefaults;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Push;

/// <summary>
/// Streams the unit log in one node's scope from the revision the node acknowledged, batch by batch, with a
/// deadline on every call and backoff with jitter while the node is unreachable (DESIGN §5: nodes converge).
/// </summary>
public sealed class NodePusher(NodeRegistration node, HubOptions options, NodeStore nodes, UnitLogReader log, ILogger<NodePusher> logger)
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public async Task RunAsync(WakeSignal logGrew, CancellationToken stoppingToken)
    {
        using var channel = GrpcChannel.ForAddress(node.Address!);
        var client = new UnitPush.UnitPushClient(channel);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var acknowledged = (await client.GetNodeStateAsync(new GetNodeStateRequest(), Headers(), Deadline(), stoppingToken)).AcknowledgedRevision;
                while (await PushBatchAsync(client, acknowledged, stoppingToken) is { } next)
                {
                    acknowledged = next;
                }

                failures = 0;
                await logGrew.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (RpcException e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var refused = e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied;
                var state = refused ? NodeStates.Refused : failures > 5 ? NodeStates.Offline : NodeStates.Retrying;
                nodes.RecordState(node.Id, state, $"{e.StatusCode}: {e.Status.Detail}");
                logger.LogWarning("Push to node {NodeId} failed ({StatusCode}: {Detail}); state {State}, attempt {Attempt}",
                    node.Id, e.StatusCode, e.Status.Detail, state, failures);
                await Task.Delay(Backoff(failures), stoppingToken);
            }
        }
    }

    /// <returns>The node's new acknowledged revision, or null when it has everything up to the head.</returns>
    async Task<long?> PushBatchAsync(UnitPush.UnitPushClient client, long acknowledged, CancellationToken cancellationToken)
    {
        var head = log.HeadRevision();
        if (acknowledged >= head)
        {
            nodes.RecordAck(node.Id, acknowledged, NodeStates.InSync);
            return null;
        }

        var batch = log.Read(acknowledged, head, node.Scope, options.PushBatchSize);
        // A full batch ends at its last unit; a short one covers the log through the head (the rest is out of scope).
        var through = batch.Count == options.PushBatchSize ? batch[^1].Revision : head;
        var request = new ApplyUnitsRequest { HubId = options.HubId, FromRevision = acknowledged, ToRevision = through };
        request.Units.AddRange(batch.Select(UnitMessages.ToMessage));
        nodes.RecordState(node.Id, NodeStates.CatchingUp, null);
        var reply = await client.ApplyUnitsAsync(request, Headers(), Deadline(), cancellationToken);
        nodes.RecordAck(node.Id, reply.AcknowledgedRevision, reply.AcknowledgedRevision >= head ? NodeStates.InSync : NodeStates.CatchingUp);
        logger.LogInformation("Node {NodeId} acknowledged revision {Revision} ({Applied} applied)", node.Id, reply.AcknowledgedRevision, reply.Applied);
        return reply.AcknowledgedRevision;
    }

    Metadata Headers() => new() { { "authorization", $"Bearer {options.PushCredential}" } };

    DateTime Deadline() => DateTime.UtcNow.Add(options.PushDeadline);

    // Exponential with full jitter, so many pushers do not retry a recovering node in lockstep.
    static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10)));
        return TimeSpan.FromMilliseconds(250 + Random.Shared.NextDouble() * ceiling);
    }
}
