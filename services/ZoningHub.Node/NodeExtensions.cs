using ZoningHub.Node.Grpc;
using ZoningHub.Node.Store;

namespace ZoningHub.Node;

/// <summary>All of the node's wiring, shared by its own executable and the embedded run.</summary>
public static class NodeExtensions
{
    public static IHostApplicationBuilder AddNode(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NodeDatabase>();
        builder.Services.AddSingleton<NodeUnitStore>();
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<HubCredentialInterceptor>());
        return builder;
    }

    public static WebApplication MapNode(this WebApplication app)
    {
        app.MapGrpcService<UnitPushService>();
        app.MapGet("/api/state", (NodeUnitStore store, Microsoft.Extensions.Options.IOptions<NodeOptions> options) => new
        {
            options.Value.Id,
            options.Value.Scope,
            AcknowledgedRevision = store.AcknowledgedRevision(),
            ActiveUnits = store.Count(),
        });
        app.MapGet("/api/units", (NodeUnitStore store) => store.Active().Select(u => new
        {
            u.Code, u.County, Type = (int)u.Type, u.Version, u.Revision, u.AreaSquareMetres, u.ContentHash, Sources = u.Sources.ToList(),
        }));
        return app;
    }
}
