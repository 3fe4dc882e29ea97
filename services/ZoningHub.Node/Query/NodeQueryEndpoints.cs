using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;
using UnitCodes = ZoningHub.Hub.Core.Derivation.UnitCodes;
using UnitTypes = ZoningHub.Hub.Core.Derivation.UnitTypes;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Query;

/// <summary>
/// The node's HTTP read side for local users: the hub's <c>/api/units</c> shape and filters (DESIGN §7), so a
/// client written against the hub reads a node unchanged.
/// </summary>
public static class NodeQueryEndpoints
{
    public static WebApplication MapNodeQueries(this WebApplication app)
    {
        app.MapGet("/api/units", (HttpRequest request, NodeUnitReader reader, IOptions<NodeOptions> node, string? province, string? county, string? type,
            double? simplify, int? limit) =>
        {
            var page = UnitPage.Of(request, limit, UnitCodes.Problem, "province", "county", "type", "simplify");
            if ((node.Value.FilterProblem(province, county) ?? GeoJsonFeatures.SimplifyProblem(simplify) ?? page.Problem) is { } problem)
            {
                return Results.Problem(problem, statusCode: 400);
            }

            if (!UnitTypes.TryParseFilter(type, out var unitType))
            {
                return Results.Problem(UnitTypes.Problem(type), statusCode: 400);
            }

            return new GeoJsonCollectionResult<UnitRevision>(reader.Active(province, county, (UnitType?)unitType, page), UnitFeature.Writer(simplify),
                u => u.Code, page);
        }).WithGeoJsonReadLimit();
        // One unit is not a listing: it is not held to the listings' limit, so stalled listings cannot hold it up.
        app.MapGet("/api/units/{code}", (NodeUnitReader reader, string code) =>
            UnitCodes.Problem(code) is { } malformed ? Results.Problem(malformed, statusCode: 400)
            : reader.Find(code) is { } unit
                ? Results.Bytes(GeoJsonFeatures.Written(unit, UnitFeature.Writer(null)), "application/geo+json")
                : Results.Problem($"This node holds no unit with code '{code}'.", statusCode: 404));
        return app;
    }
}
