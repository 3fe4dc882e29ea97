using Microsoft.Extensions.DependencyInjection.Extensions;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Node.Grpc;
using ZoningHub.Node.Query;
using ZoningHub.Node.Store;

namespace ZoningHub.Node;

/// <summary>All of the node's wiring, shared by its own executable and the embedded run.</summary>
public static class NodeExtensions
{
    public static IHostApplicationBuilder AddNode(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NodeDatabase>();
        builder.Services.AddSingleton(_ => new StoreWrites(TimeProvider.System));
        builder.Services.AddHealthChecks().AddStores("node store", sp => [("node.db", sp.GetRequiredService<NodeDatabase>().Open)], sp => sp.GetRequiredService<StoreWrites>());
        builder.Services.AddSingleton<NodeUnitStore>();
        builder.Services.AddSingleton<NodeUnitReader>();
        // Only the push takes large messages: a batch holds at least one unit, and one county's general-control unit can
        // be several megabytes. The credential check refuses a push before its body is read; queries have no such check.
        builder.Services.AddZoningHubGrpc()
            .AddServiceOptions<UnitPushService>(push => push.MaxReceiveMessageSize = NodeOptions.MaxMessageBytes);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<global::Grpc.AspNetCore.Server.Model.IServiceMethodProvider<UnitPushService>, UnitPushMethods>());
        // Kestrel's own limit on a request (30 MB) would refuse, again at every retry, a push the message limit allows.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = NodeOptions.MaxMessageBytes + 64 * 1024);
        builder.Services.AddPushReceiveWindows();
        builder.Services.AddZoningHubGrpcHealth();
        return builder;
    }

    /// <summary>
    /// HTTP/2 lets the hub send only as far ahead as the node's receive windows. Kestrel's defaults (768 KiB per
    /// stream, 1 MiB per connection) are less than one snapshot chunk, so the hub waited for each chunk to be
    /// written before sending the next; room for a few chunks lets receiving overlap writing.
    /// </summary>
    public static IServiceCollection AddPushReceiveWindows(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.Http2.InitialStreamWindowSize = NodeOptions.ReceiveWindowBytes;
            kestrel.Limits.Http2.InitialConnectionWindowSize = NodeOptions.ReceiveWindowBytes;
        });

    public static WebApplication MapNode(this WebApplication app)
    {
        app.UseBrowserSecurityHeaders();
        // Only the hub may push, and its credential is checked before a push's body is read.
        app.UseMiddleware<HubCredentialCheck>();
        app.MapGrpcService<UnitPushService>();
        app.MapGrpcService<NodeQueryService>();
        app.MapZoningHubGrpcHealth();
        app.MapNodeQueries();
        app.MapGet("/api/state", (NodeUnitStore store, Microsoft.Extensions.Options.IOptions<NodeOptions> options) =>
        {
            var digest = store.KeptDigest();
            return new
            {
                options.Value.Id,
                options.Value.Scope,
                AcknowledgedRevision = digest.Revision,
                digest.LogId,
                ActiveUnits = store.Count(),
                HeldUnits = digest.UnitCount,
                digest.Digest,
                Snapshot = store.Snapshot() is { } s ? new { s.SnapshotId, s.AsOfRevision, s.LastCode, s.UnitsReceived } : null,
                SnapshotsTaken = store.SnapshotsTaken(newest: 10).Select(t => new { t.SnapshotId, t.AsOfRevision, t.Units, t.CompletedAt }),
            };
        });
        return app;
    }
}
