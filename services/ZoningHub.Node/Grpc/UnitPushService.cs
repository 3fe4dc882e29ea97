using Grpc.Core;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;

namespace ZoningHub.Node.Grpc;

/// <summary>The node's side of the push: apply in scope, in order, idempotently; acknowledge what is held.</summary>
public sealed class UnitPushService(NodeUnitStore store, IOptions<NodeOptions> options, ILogger<UnitPushService> logger) : UnitPush.UnitPushBase
{
    public override Task<ApplyUnitsReply> ApplyUnits(ApplyUnitsRequest request, ServerCallContext context)
    {
        var node = options.Value;
        var acknowledged = store.AcknowledgedRevision();
        if (request.FromRevision > acknowledged)
        {
            // Applying it would leave a hole below: make the hub resume from what the node really holds.
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Node {node.Id} acknowledged revision {acknowledged}; a batch starting after {request.FromRevision} would leave a gap."));
        }

        var foreign = request.Units.FirstOrDefault(u => !node.Covers(u.County));
        if (foreign is not null)
        {
            logger.LogWarning("Refused batch from hub {HubId}: unit {UnitCode} of county {County} is outside scope {Scope}",
                request.HubId, foreign.Code, foreign.County, node.Scope);
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Unit {foreign.Code} (county {foreign.County}) is outside node {node.Id}'s scope '{node.Scope}'."));
        }

        var (ack, applied, ignored) = store.Apply(request);
        logger.LogInformation("Applied {Applied} units ({Ignored} already held); acknowledged revision {Revision}", applied, ignored, ack);
        return Task.FromResult(new ApplyUnitsReply { NodeId = node.Id, AcknowledgedRevision = ack, Applied = applied, IgnoredAsDuplicates = ignored });
    }

    public override Task<NodeState> GetNodeState(GetNodeStateRequest request, ServerCallContext context) =>
        Task.FromResult(new NodeState
        {
            NodeId = options.Value.Id,
            Scope = options.Value.Scope,
            AcknowledgedRevision = store.AcknowledgedRevision(),
            UnitCount = store.Count(),
        });
}
