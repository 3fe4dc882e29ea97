using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Grpc;

/// <summary>
/// The node's side of the push: apply in scope, in order, idempotently; acknowledge what is held. Bound to the
/// contract's methods by <see cref="UnitPushMethods"/>, which reads snapshot chunks as the store keeps them.
/// </summary>
public sealed class UnitPushService(NodeUnitStore store, StoreWrites writes, IOptions<NodeOptions> options, ILogger<UnitPushService> logger)
{
    public Task<ApplyUnitsReply> ApplyUnits(ApplyUnitsRequest request, ServerCallContext context) => Refusable(request.HubId, () =>
    {
        // Under the call's server span, which continues the hub's push from the request's traceparent header.
        using var span = ZoningHubActivity.Start("node.apply", null)?.SetTag("zoninghub.node", options.Value.Id)
            .SetTag("zoninghub.revision.from", request.FromRevision).SetTag("zoninghub.revision.to", request.ToRevision);
        var (ack, applied, ignored) = Traced(span, () => store.Apply(request));
        span?.SetTag("zoninghub.units", applied);
        logger.LogInformation("Applied {Applied} units ({Ignored} already held); acknowledged revision {Revision}", applied, ignored, ack);
        return new ApplyUnitsReply { NodeId = options.Value.Id, AcknowledgedRevision = ack, Applied = applied, IgnoredAsDuplicates = ignored };
    }, writing: true);

    public Task<NodeState> GetNodeState(GetNodeStateRequest request, ServerCallContext context) => Refusable("hub", () =>
    {
        var (acknowledged, logId, snapshot, units) = store.Standing();
        return new NodeState
        {
            NodeId = options.Value.Id,
            Scope = options.Value.Scope,
            AcknowledgedRevision = acknowledged,
            LogId = logId,
            UnitCount = units,
            Snapshot = snapshot,
        };
    });

    public Task<SnapshotProgress> BeginSnapshot(BeginSnapshotRequest request, ServerCallContext context) => Refusable(request.HubId, () =>
    {
        logger.LogInformation("Taking snapshot {SnapshotId} of hub log {LogId} as of revision {Revision}", request.SnapshotId, request.LogId, request.AsOfRevision);
        return store.BeginSnapshot(request);
    }, writing: true);

    /// <summary>
    /// Takes each chunk as it arrives, in its own transaction, reading the next meanwhile; a refused chunk ends the call
    /// and keeps what was taken before it.
    /// </summary>
    public async Task<SnapshotProgress> SendSnapshotChunks(IAsyncStreamReader<ReceivedChunk> requestStream, ServerCallContext context)
    {
        SnapshotProgress? progress = null;
        await foreach (var received in requestStream.ReadAhead(context.CancellationToken))
        {
            using var chunk = received;
            progress = await Refusable("hub", () => store.ApplySnapshotChunk(chunk), writing: true);
        }

        // An empty stream (a resumed snapshot with nothing left to send) answers with the progress already kept.
        return progress ?? await Refusable("hub", store.Snapshot) ?? throw PushRefusals.Answer(new(PushRefusal.SnapshotOutOfStep, $"Node {options.Value.Id} is not taking a snapshot."), options.Value.Id);
    }

    public Task<ApplyUnitsReply> CompleteSnapshot(CompleteSnapshotRequest request, ServerCallContext context) => Refusable("hub", () =>
    {
        var (ack, units) = store.CompleteSnapshot(request);
        logger.LogInformation("Snapshot {SnapshotId} complete: {Units} units; acknowledged revision {Revision}", request.SnapshotId, units, ack);
        return new ApplyUnitsReply { NodeId = options.Value.Id, AcknowledgedRevision = ack, Applied = (int)units };
    }, writing: true);

    public Task<ScopeDigest> GetDigest(GetDigestRequest request, ServerCallContext context) => Refusable("hub", store.Digest);

    /// <summary>The store's work under <paramref name="span"/>, which ends as failed with the reason when the store fails or refuses.</summary>
    static T Traced<T>(System.Diagnostics.Activity? span, Func<T> apply)
    {
        try
        {
            return apply();
        }
        catch (Exception e)
        {
            span.Failed(e.Message);
            throw;
        }
    }

    /// <summary>
    /// Turns the store's refusals into statuses the hub acts on, and its failures (a full disk, a file it cannot
    /// write) into INTERNAL in the node's own words, so the hub shows why instead of "Exception was thrown by handler";
    /// each is logged with its reason. A store failure an operator must mend (a full disk) makes the node not ready until
    /// a write succeeds again (<see cref="StoreWrites"/>): opening and reading the store still work on a full disk.
    /// </summary>
    /// <param name="writing">The call writes to the store: its success clears a write failure recorded before.</param>
    Task<T> Refusable<T>(string hubId, Func<T> apply, bool writing = false)
    {
        try
        {
            var result = apply();
            if (writing)
            {
                writes.Succeeded("push");
            }

            return Task.FromResult(result);
        }
        catch (SqliteException e)
        {
            writes.Failed("push", e);
            logger.LogError(e, "The node's store failed a push from hub {HubId}", hubId);
            throw PushRefusals.StoreFailed(e, options.Value.Id);
        }
        catch (PushRefusedException e)
        {
            logger.LogWarning("Refused a push from hub {HubId} ({Reason}): {Detail}", hubId, e.Reason, e.Message);
            throw PushRefusals.Answer(e, options.Value.Id);
        }
    }
}
