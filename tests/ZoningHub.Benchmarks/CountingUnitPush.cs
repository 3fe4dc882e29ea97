using Grpc.Core;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Benchmarks;

/// <summary>
/// The node's push contract with nothing behind it: a chunk is counted and answered at once. Sent to the way the
/// hub sends a snapshot (one awaited call per chunk), it shows what the call pattern alone costs.
/// </summary>
sealed class CountingUnitPush : UnitPush.UnitPushBase
{
    public override Task<SnapshotProgress> ApplySnapshotChunk(SnapshotChunk request, ServerCallContext context) =>
        Task.FromResult(new SnapshotProgress { SnapshotId = request.SnapshotId, LastCode = request.Units[^1].Code, UnitsReceived = request.Units.Count });
}
