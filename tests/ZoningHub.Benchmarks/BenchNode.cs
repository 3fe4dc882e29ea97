using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Node;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>A national or provincial node with its production wiring and SQLite store on loopback, its acknowledgements timed.</summary>
sealed class BenchNode(string id, string scope, ServiceHost host, NodeAcks acks) : IAsyncDisposable
{
    public const string Credential = "bench-credential";

    public string Id => id;

    public string Scope => scope;

    public Uri GrpcUrl => host.GrpcUrl!;

    public NodeAcks Acks => acks;

    public T Service<T>() where T : notnull => host.Service<T>();

    public long Acknowledged() => host.Service<NodeUnitStore>().AcknowledgedRevision();

    public bool Covers(string county) => scope == "national" || county.StartsWith(scope, StringComparison.Ordinal);

    /// <param name="ports">HTTP and gRPC ports: a node started again where the hub expects it; free ones when null.</param>
    public static async Task<BenchNode> StartAsync(string id, string scope, string dataDirectory, IReadOnlyList<int>? ports = null)
    {
        var acks = new NodeAcks();
        var host = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = id, ["Node:Scope"] = scope, ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = dataDirectory,
        }, withGrpc: true, b =>
        {
            b.AddServiceDefaults().AddNode();
            b.Services.AddGrpc(grpc => grpc.Interceptors.Add<AckInterceptor>(acks));
        }, app => app.MapNode(), ports);
        return new BenchNode(id, scope, host, acks);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();
}
