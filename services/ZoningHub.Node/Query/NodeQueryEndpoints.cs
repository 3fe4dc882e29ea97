using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Geo;
using ZoningHub.Node.Store;

namespace ZoningHub.Node.Query;

/// <summary>
/// The node's HTTP read side for local users: the hub's <c>/api/units</c> shape and filters (DESIGN §7), so a
/// client written against the hub reads a node unchanged.
/// </summary>
public static partial class NodeQueryEndpoints
{
    public static WebApplication MapNodeQueries(this WebApplication app)
    {
        app.MapGet("/api/units", (NodeUnitReader reader, string? province, string? county, string? type) =>
        {
            if (FilterProblem(province, county) is { } problem)
            {
                return Results.Problem(problem, statusCode: 400);
            }

            var unitType = type is null ? (UnitType?)null : ParseType(type);
            if (unitType is UnitType.Unspecified)
            {
                return Results.Problem($"type '{type}' is not 1/PriorityProtection, 2/KeyControl or 3/GeneralControl.", statusCode: 400);
            }

            var units = reader.Active(province, county, unitType);
            return Results.Json(new JsonObject
            {
                ["type"] = "FeatureCollection",
                ["features"] = new JsonArray([.. units.Select(Feature)]),
            }, contentType: "application/geo+json");
        });
        app.MapGet("/api/units/{code}", (NodeUnitReader reader, string code) =>
            reader.Find(code) is { } unit
                ? Results.Json(Feature(unit), contentType: "application/geo+json")
                : Results.Problem($"This node holds no unit with code '{code}'.", statusCode: 404));
        return app;
    }

    /// <summary>Why a province or county filter is malformed, or null; gRPC answers with the same words.</summary>
    internal static string? FilterProblem(string? province, string? county) =>
        province is not null && !Province().IsMatch(province) ? $"province '{province}' is not a two-digit province code such as 33."
        : county is not null && !County().IsMatch(county) ? $"county '{county}' is not a six-digit county code such as 330106."
        : null;

    // One digit or one name: Enum.TryParse would also take "PriorityProtection,KeyControl" and OR it into GeneralControl.
    static UnitType ParseType(string value) => Enum.GetValues<UnitType>().FirstOrDefault(t => t != UnitType.Unspecified
        && (value == ((int)t).ToString(CultureInfo.InvariantCulture) || value.Equals(t.ToString(), StringComparison.OrdinalIgnoreCase)));

    static JsonObject Feature(UnitRevision unit) => new()
    {
        ["type"] = "Feature",
        ["id"] = unit.Code,
        ["geometry"] = unit.GeometryWkb.IsEmpty ? null : JsonNode.Parse(GeoJson.Write(GeoContext.ReadWkb(unit.GeometryWkb.ToByteArray()))),
        ["properties"] = new JsonObject
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
        },
    };

    [GeneratedRegex("^[1-8][0-9]$")]
    private static partial Regex Province();

    [GeneratedRegex("^[1-8][0-9]{5}$")]
    private static partial Regex County();
}
