using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Issue 5: every push has a deadline; on the snapshot stream it is per chunk, and a stream that stalls is abandoned with a reason.</summary>
public sealed class When_a_node_stops_taking_a_snapshot_part_way
{
    [Fact]
    public async Task Should_abandon_the_stream_after_the_push_deadline_and_show_why()
    {
        using var data = new TemporaryDirectory("zoninghub-stall-");
        var stalled = new StallingNode();
        await using var node = await ServiceHost.StartAsync(new Dictionary<string, string?>(), withGrpc: true,
            b => b.Services.AddGrpc().Services.AddSingleton(stalled)
                // HTTP/2's smallest windows: the hub's writes, not only its wait for the answer, run into the stall.
                .Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
                {
                    kestrel.Limits.Http2.InitialStreamWindowSize = 65_535;
                    kestrel.Limits.Http2.InitialConnectionWindowSize = 65_535;
                }),
            app => app.MapGrpcService<StallingNode>());
        await using var hub = await HubHost.StartAsync(data.Path,
            ("Hub:PushDeadline", "00:00:01"), ("Hub:PushBatchBytes", "16384"), ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", node.GrpcUrl!.ToString()));
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await hub.SendAndTakeAsync(changeSet);
        }

        await Eventually.HoldsAsync(async () => stalled.ChunksTaken >= 1 && (await Status(hub)).GetProperty("lastError").GetString() is { } error
                && error.Contains("took no snapshot chunk for 1 s", StringComparison.Ordinal),
            () => $"the hub gives up on the stream the node stalled after {stalled.ChunksTaken} chunk(s): {Status(hub).GetAwaiter().GetResult()}");

        Assert.Contains("DeadlineExceeded", (await Status(hub)).GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    static async Task<System.Text.Json.JsonElement> Status(HubHost hub) =>
        (await hub.GetJsonAsync("/api/status")).GetProperty("nodes").EnumerateArray().Single();

    /// <summary>A new national node that takes one snapshot chunk and then reads no more, as a node whose disk hangs would.</summary>
    sealed class StallingNode : UnitPush.UnitPushBase
    {
        int _chunks;

        public int ChunksTaken => _chunks;

        public override Task<NodeState> GetNodeState(GetNodeStateRequest request, ServerCallContext context) =>
            Task.FromResult(new NodeState { NodeId = "national", Scope = "national" });

        public override Task<SnapshotProgress> BeginSnapshot(BeginSnapshotRequest request, ServerCallContext context) =>
            Task.FromResult(new SnapshotProgress { SnapshotId = request.SnapshotId, AsOfRevision = request.AsOfRevision, LogId = request.LogId });

        public override async Task<SnapshotProgress> SendSnapshotChunks(IAsyncStreamReader<SnapshotChunk> requestStream, ServerCallContext context)
        {
            if (await requestStream.MoveNext(context.CancellationToken))
            {
                Interlocked.Increment(ref _chunks);
            }

            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
