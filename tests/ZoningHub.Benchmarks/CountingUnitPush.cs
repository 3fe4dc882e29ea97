using Grpc.Core;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Benchmarks;

/// <summary>
/// The node's push contract with nothing behind it: a snapshot stream's chunks are parsed and counted, nothing is
/// stored. Sent to the way the hub sends (its encoded chunks), it shows what the stream alone costs.
/// </summary>
sealed class CountingUnitPush : UnitPush.UnitPushBase
{
    public override async Task<SnapshotProgress> SendSnapshotChunks(IAsyncStreamReader<SnapshotChunk> requestStream, ServerCallContext context)
    {
        var progress = new SnapshotProgress();
        await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
        {
            progress.SnapshotId = chunk.SnapshotId;
            progress.UnitsReceived += chunk.Units.Count;
            progress.LastCode = chunk.Units[^1].Code;
        }

        return progress;
    }
}
