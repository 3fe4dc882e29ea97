using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using NetTopologySuite.Geometries;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Geo;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Found by review (session 17), now fixed: before, a local user asking for the units around a project site with the OGC API - Features
/// parameter every GIS client sends, <c>bbox</c>, or with a filter name misspelled, is answered 200 with every unit the
/// node holds, which reads as "these are the units there".
/// </summary>
public sealed class When_a_local_user_asks_a_node_for_units_with_a_parameter_it_does_not_know
{
    [Theory]
    [InlineData("bbox=120.035,29.99,120.045,30.01")]
    [InlineData("bbox=120.035,29.99,120.045,30.01&limit=10")]
    [InlineData("countyCode=330107")]
    public async Task Should_refuse_it_rather_than_list_every_unit(string query)
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4); // ZH33010600001…4, circles at 120.01…120.04 E, 30 N

        var response = await node.Http.GetAsync($"/api/units?{query}");
        var body = await response.Content.ReadAsStringAsync();
        var ids = response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(body).RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToArray()
            : [];

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest,
            $"'{query}' was answered {(int)response.StatusCode} with {ids.Length} units ({string.Join(", ", ids)}), as if the parameter had not been given");
    }
}

/// <summary>
/// Found by review (session 17), now fixed: before, a province and a county that contradict each other. A provincial node refuses the county (outside its scope);
/// the national node answers the same request with an empty list, which reads as "no units in this county".
/// </summary>
public sealed class When_a_local_user_gives_a_county_of_another_province_than_the_one_named
{
    [Fact]
    public async Task Should_refuse_the_contradiction_on_the_national_node_too()
    {
        await using var node = await QueryNode.StartAsync(("Node:Scope", "national"), ("Node:Id", "national"));
        await PushAsync(node, ("ZH33010610001", "330106"), ("ZH34010210001", "340102"));

        var http = await node.Http.GetAsync("/api/units?province=33&county=340102");
        var body = await http.Content.ReadAsStringAsync();
        Assert.True(http.StatusCode == HttpStatusCode.BadRequest, $"HTTP answered {(int)http.StatusCode}: {body}");

        var call = new NodeQuery.NodeQueryClient(node.Channel).ListUnits(new ListUnitsRequest { Province = "33", County = "340102" },
            deadline: DateTime.UtcNow.AddSeconds(10));
        var refused = await Record.ExceptionAsync(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());
        Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(refused).StatusCode);
    }

    internal static Task PushAsync(QueryNode node, params (string Code, string County)[] units) =>
        new UnitPush.UnitPushClient(node.Channel).ApplyUnitsAsync(new ApplyUnitsRequest
        {
            HubId = "hub", FromRevision = 0, ToRevision = units.Length,
            Units =
            {
                units.Select((u, i) => new UnitRevision
                {
                    Revision = i + 1, Code = u.Code, County = u.County, Type = UnitType.GeneralControl, Version = 1, ContentHash = $"hash-{i}",
                    GeometryWkb = ByteString.CopyFrom(GeoContext.WriteWkb(GeoContext.Factory.CreatePoint(new Coordinate(120 + i, 30)).Buffer(0.001, 4))),
                }.ToByteString()),
            },
        }, new Metadata { { "authorization", "Bearer hub-secret" } }, DateTime.UtcNow.AddSeconds(10)).ResponseAsync;
}

/// <summary>
/// Found by review (session 17), now fixed: before, the paging token. A next link whose <c>after</c> is not a unit code (a proxy or client that lowercased it, a
/// truncated link) is answered 200 with an empty page and no next link, which a client reads as the listing's end.
/// </summary>
public sealed class When_a_client_pages_with_an_after_that_is_not_a_unit_code
{
    [Theory]
    [InlineData("zh33010600001")]
    [InlineData("nonsense")]
    public async Task Should_refuse_the_token_rather_than_end_the_listing(string after)
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4);

        var response = await node.Http.GetAsync($"/api/units?limit=1&after={after}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"after={after} was answered {(int)response.StatusCode}: {body}");
    }
}

/// <summary>
/// Found by review (session 17), now fixed: before, a store failure under a local user's gRPC query. Over HTTP the same failure is a problem document with its
/// trace id; UnitPush answers INTERNAL in the store's words. NodeQuery answers UNKNOWN "Exception was thrown by handler."
/// </summary>
public sealed class When_the_nodes_store_fails_under_a_gRPC_query
{
    [Fact]
    public async Task Should_answer_internal_saying_the_store_failed_as_the_push_and_HTTP_do()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(2);
        using (var connection = node.Service<ZoningHub.Node.Store.NodeDatabase>().Open())
        {
            ZoningHub.ServiceDefaults.Storage.SqliteExtensions.Execute(connection, null, "ALTER TABLE units RENAME TO units_away");
        }

        var http = await node.Http.GetAsync("/api/units/ZH33010600001");
        Assert.Equal(HttpStatusCode.InternalServerError, http.StatusCode);
        Assert.Contains("traceId", await http.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new NodeQuery.NodeQueryClient(node.Channel)
            .GetUnitAsync(new GetUnitRequest { Code = "ZH33010600001" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        Assert.True(refused.StatusCode == StatusCode.Internal && refused.Status.Detail.Contains("store", StringComparison.Ordinal),
            $"gRPC answered {refused.StatusCode}: {refused.Status.Detail}");
    }
}
