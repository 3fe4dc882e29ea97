using Grpc.Core;
using ZoningHub.Benchmarks.Grpc;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Benchmarks;

/// <summary>The baseline's server: takes the snapshot's chunks as one client stream, counts the units, stores nothing.</summary>
sealed class RawChunksService : RawChunks.RawChunksBase
{
    public override async Task<SnapshotProgress> Send(IAsyncStreamReader<SnapshotChunk> requestStream, ServerCallContext context)
    {
        var progress = new SnapshotProgress();
        await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken))
        {
            progress.SnapshotId = chunk.SnapshotId;
            progress.UnitsReceived += chunk.Units.Count;
        }

        return progress;
    }
}
