using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;
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
            double? simplify, string? after, int? limit) =>
        {
            var page = new UnitPage(after, limit);
            if ((node.Value.FilterProblem(province, county) ?? GeoJsonFeatures.SimplifyProblem(simplify) ?? page.Problem) is { } problem)
            {
                return Results.Problem(problem, statusCode: 400);
            }

            if (!UnitTypes.TryParseFilter(type, out var unitType))
            {
                return Results.Problem(UnitTypes.Problem(type), statusCode: 400);
            }

            var units = reader.Active(province, county, (UnitType?)unitType, page);
            return Results.Json(page.Collection(units, u => u.Code, p => GeoJsonFeatures.Collection(p, unit => Feature(unit, simplify)), request),
                contentType: "application/geo+json");
        }).WithGeoJsonReadLimit();
        // One unit is not a listing: it is not held to the listings' limit, so stalled listings cannot hold it up.
        app.MapGet("/api/units/{code}", (NodeUnitReader reader, string code) =>
            reader.Find(code) is { } unit
                ? Results.Json(Feature(unit), contentType: "application/geo+json")
                : Results.Problem($"This node holds no unit with code '{code}'.", statusCode: 404));
        return app;
    }

    static JsonObject Feature(UnitRevision unit, double? simplify = null) => GeoJsonFeatures.Feature(unit.Code, unit.GeometryWkb.IsEmpty ? null : unit.GeometryWkb.ToByteArray(),
        new JsonObject
        {
            ["code"] = unit.Code,
            ["type"] = unit.Type.ToString(),
            ["typeDigit"] = (int)unit.Type,
            ["county"] = unit.County,
            ["areaSquareMetres"] = Math.Round(unit.AreaSquareMetres, 2),
            ["version"] = unit.Version,
            ["revision"] = unit.Revision,
            // Only /api/units/{code} can show a retired unit: its code is never reused, so say so rather than 404.
            ["retired"] = unit.Retired,
            ["contentHash"] = unit.ContentHash,
            ["sources"] = new JsonArray([.. unit.Sources.Select(s => (JsonNode)s)]),
            ["accessList"] = new JsonArray([.. unit.AccessList.Select(rule => (JsonNode)new JsonObject
            {
                ["dimension"] = rule.Dimension,
                ["textZh"] = rule.TextZh,
                ["textEn"] = rule.TextEn,
                ["forbiddenIndustries"] = new JsonArray([.. rule.ForbiddenIndustries.Select(i => (JsonNode)i)]),
            })]),
        }, simplify);
}
