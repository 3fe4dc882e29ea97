using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ZoningHub.Adapters.Kit;

/// <summary><c>GET /api/adapters</c>: each hosted adapter stream, where its exports arrive and how far its outbox has drained.</summary>
public static class AdapterStatusEndpoints
{
    public static IEndpointRouteBuilder MapAdapterStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/adapters", (AdapterRegistry adapters) => Results.Ok(adapters.All.Select(Describe)));
        return app;
    }

    static object Describe(DepartmentAdapter adapter)
    {
        var (options, position) = (adapter.Options, adapter.Store.Position());
        return new
        {
            options.Department,
            options.Stream,
            Inbox = Path.GetFullPath(options.InboxDirectory),
            Layers = options.Layers.Keys.Order(StringComparer.Ordinal),
            position.LastSequence,
            OutboxDepth = position.Depth,
            position.LastConfirmed,
            position.LastPublishedAt,
            position.ExportsProcessed,
            position.ExportsRefused,
            RecentlyRefused = adapter.Store.RefusedExports(5),
        };
    }
}
