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

    /// <summary>
    /// Closes the node's pooled connections to its store, and only the node's: clearing every pool closed the hub's
    /// too, and the hub's next snapshot then mapped its store into memory again, page fault by page fault (3–4 ms of
    /// each removed-store snapshot in session 22's profile), which a hub on another machine never pays for a node's disk.
    /// </summary>
    public void CloseStoreConnections()
    {
        using var connection = host.Service<NodeDatabase>().Open();
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Stops the node and removes its store, as a reinstalled machine's disk goes with it. Kept, every fresh node's
    /// 25 MB chunk file grew the page cache into memory this virtual machine had never used, which the host backs page
    /// by page at its first touch: 44 ms of each replaced node's snapshot went to that copy (session 22's profile), a
    /// cost of the machine the benchmark runs on, paid only while the cache grows, not of the node's store.
    /// </summary>
    public async ValueTask RemoveAsync()
    {
        var directory = Path.GetDirectoryName(host.Service<NodeDatabase>().Path)!;
        CloseStoreConnections();
        await host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Removes the stores of the stopped nodes under <paramref name="directory"/>, closing every pooled connection first.</summary>
    public static void RemoveStores(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
