using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A national or provincial node with its production wiring and real SQLite store, on loopback ports that
/// stay the same across a stop and start, so the hub finds it again where it is registered.
/// </summary>
public sealed class NodeHost(string id, string scope, string credential, string dataDirectory) : IAsyncDisposable
{
    readonly IReadOnlyList<int> _ports = FreeTcpPort.Find(2);
    ServiceHost? _host;

    public string Id => id;

    public string Scope => scope;

    public Uri HttpUrl => new($"http://127.0.0.1:{_ports[0]}");

    public Uri GrpcUrl => new($"http://127.0.0.1:{_ports[1]}");

    public bool IsRunning => _host is not null;

    /// <summary>A pause before the node takes each streamed snapshot chunk, as on a slow disk, from the next start.</summary>
    public TimeSpan ChunkDelay { get; set; }

    /// <summary>A pause after the node has completed a snapshot and before it answers, as on a link that loses the answer, from the next start.</summary>
    public TimeSpan CompletionDelay { get; set; }

    /// <summary>A pause before the node answers a digest request, as a large scope read from a slow disk, from the next start.</summary>
    public TimeSpan DigestDelay { get; set; }

    /// <summary>The push calls the node was sent since it last started, in order: what the hub chose to send it.</summary>
    public IReadOnlyList<string> PushCalls => [.. _pushCalls];

    System.Collections.Concurrent.ConcurrentQueue<string> _pushCalls = new();

    public async Task StartAsync()
    {
        var pushCalls = _pushCalls = new();
        _host = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = id,
            ["Node:Scope"] = scope,
            ["Node:HubCredential"] = credential,
            ["Node:DataDirectory"] = dataDirectory,
        }, withGrpc: true, b =>
        {
            b.AddServiceDefaults().AddNode();
            b.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RecordedPushCalls>(pushCalls));
            if (ChunkDelay > TimeSpan.Zero)
            {
                b.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<SlowChunks>(ChunkDelay));
            }

            if (DigestDelay > TimeSpan.Zero)
            {
                b.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<SlowDigest>(DigestDelay));
            }

            if (CompletionDelay > TimeSpan.Zero)
            {
                b.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<SlowCompletion>(CompletionDelay));
            }
        }, app => app.MapNode().MapDefaultEndpoints(), _ports);
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    /// <summary>Deletes the node's store, as an operator replacing a broken disk would find it.</summary>
    public void DeleteStore()
    {
        // Pooled connections would otherwise keep writing to the deleted file's inode after the node restarts.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.Combine(dataDirectory, id), recursive: true);
    }

    ServiceHost Host => _host ?? throw new InvalidOperationException($"node {id} is stopped");

    NodeUnitStore Store => Host.Service<NodeUnitStore>();

    /// <summary>Active units by code → content hash.</summary>
    public IReadOnlyDictionary<string, string> Units() =>
        Host.Service<NodeUnitReader>().Active(null, null, null).ToDictionary(u => u.Code, u => u.ContentHash);

    public ScopeDigest Digest() => Store.Digest();

    public long Acknowledged() => Store.AcknowledgedRevision();

    /// <summary>The units the node holds, retired ones left out.</summary>
    public long UnitCount() => Store.Count();

    public SnapshotProgress? SnapshotInProgress() => Store.Snapshot();

    public IReadOnlyList<string> SnapshotsTaken() => [.. Store.SnapshotsTaken().Select(s => s.SnapshotId)];

    public NodeDatabase Database => Host.Service<NodeDatabase>();

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Answers a completed snapshot late: the node has taken it, and the hub's deadline for the answer passes first.</summary>
    sealed class SlowDigest(TimeSpan delay) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
            UnaryServerMethod<TRequest, TResponse> continuation)
        {
            if (request is GetDigestRequest)
            {
                await Task.Delay(delay);
            }

            return await continuation(request, context);
        }
    }

    sealed class SlowCompletion(TimeSpan delay) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
            UnaryServerMethod<TRequest, TResponse> continuation)
        {
            var response = await continuation(request, context);
            if (request is CompleteSnapshotRequest)
            {
                await Task.Delay(delay);
            }

            return response;
        }
    }

    /// <summary>Pauses before each message of a client stream: the node then takes a snapshot slowly enough for a test to stop the hub in the middle.</summary>
    sealed class SlowChunks(TimeSpan delay) : Interceptor
    {
        public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
            ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
            continuation(new Slowed<TRequest>(requestStream, delay), context);

        sealed class Slowed<T>(IAsyncStreamReader<T> stream, TimeSpan delay) : IAsyncStreamReader<T>
        {
            public T Current => stream.Current;

            public async Task<bool> MoveNext(CancellationToken cancellationToken)
            {
                await Task.Delay(delay, cancellationToken);
                return await stream.MoveNext(cancellationToken);
            }
        }
    }
}
