using Microsoft.Extensions.Options;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Derivation;
using ZoningHub.Hub.Intake;
using ZoningHub.Hub.Push;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Api;

/// <summary>The hub's HTTP API (DESIGN §7): reading needs nothing, actions need the operator credential.</summary>
public static class HubEndpoints
{
    public static WebApplication MapHubApi(this WebApplication app)
    {
        // Anyone may read the status; the nodes' addresses, which say where the deployment's inside is, only an operator.
        app.MapGet("/api/status", (HttpRequest request, HubStatusReader status, IOptions<HubOptions> options) =>
            status.Read(forOperator: OperatorCredentialFilter.Presented(request, options.Value)));
        app.MapGet("/api/units", (HttpRequest request, UnitLogReader log, string? province, string? county, string? type, double? simplify,
            int? limit) =>
        {
            var page = UnitPage.Of(request, limit, UnitCodes.Problem, "province", "county", "type", "simplify");
            if (FilterProblem(province, county, simplify, page.Problem) is { } problem)
            {
                return problem;
            }

            if (!UnitTypes.TryParseFilter(type, out var unitType))
            {
                return Results.Problem(UnitTypes.Problem(type), statusCode: 400);
            }

            return new GeoJsonCollectionResult<LoggedUnit>(log.StreamActive(province, county, unitType, page), UnitGeoJson.Writer(simplify), u => u.Code, page);
        }).WithGeoJsonReadLimit();
        // One unit is not a listing: not held to the listings' limit, so stalled listings cannot hold it up. Its current
        // version, retired or not (a code is never reused), as the nodes answer.
        app.MapGet("/api/units/{code}", (UnitLogReader log, string code) =>
            UnitCodes.Problem(code) is { } malformed ? Results.Problem(malformed, statusCode: 400)
            : log.Current(code) is { } current
                ? Results.Bytes(GeoJsonFeatures.Written(current, UnitGeoJson.Writer(null)), "application/geo+json")
                : NoUnit(code));
        // Every version is a listing: as long as the unit has been edited, so written as it is read and held to the limit.
        app.MapGet("/api/units/{code}/history", (UnitLogReader log, string code) =>
            UnitCodes.Problem(code) is { } malformed ? Results.Problem(malformed, statusCode: 400)
            : log.Holds(code)
                ? new GeoJsonCollectionResult<LoggedUnit>(log.StreamHistory(code), UnitGeoJson.Writer(null), u => u.Code, default)
                : NoUnit(code)).WithGeoJsonReadLimit();
        app.MapGet("/api/conflicts", (ConflictReader conflicts, string? status, string? province, string? county, double? simplify) =>
            FilterProblem(province, county, simplify) ?? (status is null or "open" or "all"
                ? (IResult)new GeoJsonCollectionResult<ConflictRecord>(conflicts.Stream(status != "all", province, county), ConflictGeoJson.Writer(simplify),
                    ConflictGeoJson.FeatureId, default)
                : Results.Problem($"status '{status}' is not 'open' (the default) or 'all'.", statusCode: 400))).WithGeoJsonReadLimit();
        app.MapGet("/api/quarantine", (QuarantineStore quarantine, int? limit, bool? open) => quarantine.List(Math.Clamp(limit ?? 100, 1, 1000), open == true));
        app.MapGet("/api/filings", (NodeStore nodes, string? province, int? limit) => FilterProblem(province, null, null)
            ?? Results.Ok(nodes.FilingRecords(province, Math.Clamp(limit ?? 100, 1, 1000))));
        app.MapGet("/api/throughput", (ThroughputReader throughput, int? minutes) => throughput.LastMinutes(Math.Clamp(minutes ?? 60, 1, 24 * 60)));
        app.MapHubActions();
        return app;
    }

    static void MapHubActions(this WebApplication app)
    {
        var actions = app.MapGroup("/api").AddEndpointFilter<OperatorCredentialFilter>();
        actions.MapBrokerQueueActions();
        actions.MapPost("/quarantine/{id:long}/replay", (QuarantineReplay replay, long id) => replay.Replay(id) switch
        {
            ReplayOutcome.Done done => Results.Ok(done.Result),
            ReplayOutcome.AlreadyReplayed again => Results.Problem($"Quarantine entry {id} was already replayed at {again.At:O}.", statusCode: 409),
            ReplayOutcome.Dismissed dismissed => Results.Problem($"Quarantine entry {id} was dismissed at {dismissed.At:O}.", statusCode: 409),
            ReplayOutcome.NotReplayable refused => Results.Problem($"Quarantine entry {id} cannot be replayed: {refused.Why}.", statusCode: 409),
            ReplayOutcome.Concurrent => Results.Problem($"Quarantine entry {id} is being replayed by another request; look at the entry, then replay again if something is still refused.", statusCode: 409),
            _ => Results.Problem($"No quarantine entry has id {id}.", statusCode: 404),
        });
        actions.MapPost("/quarantine/{id:long}/dismiss", (QuarantineStore quarantine, long id) =>
        {
            if (quarantine.Find(id) is null)
            {
                return Results.Problem($"No quarantine entry has id {id}.", statusCode: 404);
            }

            // Read again after the dismissal, so a refusal says what closed it, a replay meanwhile included.
            var dismissed = quarantine.Dismiss(id);
            var entry = quarantine.Find(id)!;
            return dismissed ? Results.Ok(entry) : Results.Problem(
                $"Quarantine entry {id} is closed already ({(entry.ReplayedAt is { } at ? $"replayed at {at:O}" : $"dismissed at {entry.DismissedAt:O}")}).", statusCode: 409);
        });
        actions.MapGet("/quarantine/{id:long}/body", (QuarantineStore quarantine, long id) => quarantine.Body(id) is { } body
            ? Results.Text(body, "application/json")
            : Results.Problem($"No quarantine entry has id {id}.", statusCode: 404));
        // A gap that will not close: the stream's held change sets go to the quarantine, and the stream goes on from its last applied number.
        actions.MapPost("/streams/{stream}/held/quarantine", (HeldChangeSets held, string stream) => held.Quarantine(stream) is { } moved
            ? Results.Ok(new { stream, moved.LastSequence, quarantined = moved.Quarantined.Select(q => new { q.Sequence, q.QuarantineId }) })
            : Results.Problem($"No stream '{stream}' is known to the hub; /api/status lists the streams.", statusCode: 404));
        actions.MapPost("/admin/rebuild", (DerivationStore store, DerivationSignal signal) =>
        {
            var counties = store.MarkAllCounties();
            signal.Wake();
            return Results.Accepted("/api/status", new { markedCounties = counties });
        });
        actions.MapPost("/admin/nodes/{id}/resync", (NodeStore nodes, NodeRequests requests, string id) => Known(nodes, id, () => requests.OperatorResync(id)));
        actions.MapPost("/admin/nodes/{id}/verify", (NodeStore nodes, NodeRequests requests, string id) => Known(nodes, id, () => requests.Verify(id)));
        // Not stopped by the request's end: a client or proxy giving up on a long compaction does not cut it short. The
        // hub's stopping does, between steps.
        actions.MapPost("/admin/compact-log", async (UnitLogCompaction compaction, IHostApplicationLifetime lifetime, long? keep) =>
        {
            if (keep is null or < 0)
            {
                return Results.Problem("keep must say how many revisions of superseded history to keep, e.g. ?keep=100000.", statusCode: 400);
            }

            var (floor, dropped) = await compaction.CompactAsync(keep.Value, lifetime.ApplicationStopping);
            return Results.Ok(new { floor, dropped });
        });
    }

    /// <param name="other">Another parameter's problem, such as a page's, answered the same way.</param>
    static IResult? FilterProblem(string? province, string? county, double? simplify, string? other = null) =>
        (AreaCodes.FilterProblem(province, county) ?? GeoJsonFeatures.SimplifyProblem(simplify) ?? other) is { } problem
            ? Results.Problem(problem, statusCode: 400)
            : null;

    static IResult NoUnit(string code) => Results.Problem($"No unit has code '{code}'.", statusCode: 404);

    static IResult Known(NodeStore nodes, string id, Action request)
    {
        if (nodes.Find(id) is null)
        {
            return Results.Problem($"No node has id '{id}'; /api/status lists the registered nodes.", statusCode: 404);
        }

        request();
        return Results.Accepted("/api/status", new { node = id });
    }
}
