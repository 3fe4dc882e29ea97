using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Benchmarks.Grpc;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>The baseline's server: takes the snapshot's chunks as one client stream, counts the units, stores nothing.</summary>
sealed class RawChunksService : RawChunks.RawChunksBase
{
    /// <summary>Starts the server on loopback, receiving as a node receives: the same message limit and HTTP/2 windows.</summary>
    public static Task<ServiceHost> StartAsync() => ServiceHost.StartAsync(new Dictionary<string, string?>(), withGrpc: true,
        b => b.Services.AddPushReceiveWindows().AddGrpc(grpc => grpc.MaxReceiveMessageSize = NodeOptions.MaxMessageBytes),
        app => app.MapGrpcService<RawChunksService>());

    public override Task<Empty> Ready(Empty request, ServerCallContext context) => Task.FromResult(request);

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
