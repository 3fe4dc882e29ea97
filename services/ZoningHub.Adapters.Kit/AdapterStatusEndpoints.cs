using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Adapters.Kit.Outbox;

namespace ZoningHub.Adapters.Kit;

/// <summary>
/// <c>GET /api/adapters</c>: each hosted adapter stream, where its exports arrive, how each HTTP source's last poll
/// ended and how far its outbox has drained. Fields are only ever added, so what reads it keeps working.
/// </summary>
public static class AdapterStatusEndpoints
{
    public static IEndpointRouteBuilder MapAdapterStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/adapters", (AdapterRegistry adapters) => Results.Ok(adapters.All.Select(Describe)));
        return app;
    }

    static object Describe(DepartmentAdapter adapter)
    {
        var (options, position, polls) = (adapter.Options, adapter.Store.Position(), adapter.Store.LastPolls());
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
            adapter.PublishFailure,
            position.ExportsProcessed,
            position.ExportsRefused,
            RecentlyRefused = adapter.Store.RefusedExports(5),
            LayersToSendWhole = adapter.Store.LayersToSendWhole(),
            HttpSources = options.HttpSources.Select(s => DescribeSource(s, polls)),
        };
    }

    static object DescribeSource(HttpSourceOptions source, IReadOnlyDictionary<string, SourcePoll> polls)
    {
        var poll = polls.GetValueOrDefault(source.Address!.ToString());
        return new
        {
            source.Layer,
            Url = source.Address,
            Credentials = source.Credentials.Kind,
            source.PollInterval,
            LastPolledAt = poll?.At,
            LastOutcome = poll?.Outcome,
            LastStatus = poll?.Status,
            LastError = poll?.Error,
        };
    }
}
