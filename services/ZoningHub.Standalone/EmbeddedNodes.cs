using ZoningHub.Node;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Standalone;

/// <summary>
/// Starts each embedded node as its own web application inside this process, so the hub pushes to it over
/// a real loopback gRPC connection exactly as it would to a remote node.
/// </summary>
public sealed class EmbeddedNodes(IReadOnlyList<EmbeddedNode> nodes, string credential, string dataDirectory) : IHostedService, IAsyncDisposable
{
    readonly List<WebApplication> _apps = [];

    /// <summary>Each started node's services, to see what it runs beside the host (the embedded run's specs).</summary>
    public IEnumerable<IServiceProvider> NodeServices => _apps.Select(app => app.Services);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            // Rooted beside the executable, as the host is: the working directory would have each node watch the
            // whole tree it was started in for settings changes.
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
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
