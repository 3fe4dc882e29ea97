using ZoningHub.Node;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Standalone;

/// <summary>
/// Starts each embedded node as its own web application inside this process, so the hub pushes to it over
/// a real loopback gRPC connection exactly as it would to a remote node.
/// </summary>
/// <param name="credentials">The push credential each node takes, in the order of <paramref name="nodes"/>.</param>
/// <param name="run">The run's settings, which the nodes share but for its addresses (its listing limits, its logging).</param>
public sealed class EmbeddedNodes(IReadOnlyList<EmbeddedNode> nodes, IReadOnlyList<string> credentials, string dataDirectory, IConfiguration run)
    : IHostedService, IAsyncDisposable
{
    readonly List<WebApplication> _apps = [];

    /// <summary>Each started node's services, to see what it runs beside the host (the embedded run's specs).</summary>
    public IEnumerable<IServiceProvider> NodeServices => _apps.Select(app => app.Services);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var shared = RunSettings().ToList();
        foreach (var (node, credential) in nodes.Zip(credentials))
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            // The run's settings as they were at start, and not the files beside the executable: read by each node on its
            // own, those bypassed the command line and were read again on every edit, when Kestrel bound what they named.
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(shared);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Http:Url"] = node.HttpUrl!.ToString(),
                ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
                ["Kestrel:Endpoints:Grpc:Url"] = node.GrpcUrl!.ToString(),
                ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
                ["Node:Id"] = node.Id,
                ["Node:Scope"] = node.Scope,
                ["Node:HubCredential"] = credential,
                ["Node:DataDirectory"] = dataDirectory,
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.WebHost.BindAtStart();
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
            // No telemetry pipeline of its own: the host's collects the node's spans and instruments with the
            // rest of the process, and its /metrics covers them (AddEmbeddedServiceDefaults).
            builder.AddEmbeddedServiceDefaults();
            builder.AddNode();
            var app = builder.Build();
            app.MapNode();
            app.MapDefaultEndpoints();
            await app.StartAsync(cancellationToken);
            _apps.Add(app);
        }
    }

    /// <summary>
    /// The run's settings without its addresses: a node binds its own two, where the run's (<c>Kestrel</c>, <c>urls</c>)
    /// would have every node bind the hub's ports, or one more endpoint each, against the others.
    /// </summary>
    IEnumerable<KeyValuePair<string, string?>> RunSettings() => run.AsEnumerable().Where(setting => setting.Value is not null
        && !setting.Key.StartsWith("Kestrel:", StringComparison.OrdinalIgnoreCase)
        && !AddressKeys.Contains(setting.Key));

    static readonly HashSet<string> AddressKeys = new(["urls", "preferHostingUrls", "http_ports", "https_ports"], StringComparer.OrdinalIgnoreCase);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var app in _apps)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }
}
