using System.Net;
using Grpc.Core;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Query.V1;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Found by review (session 17), now fixed: before, UnitPage.Of now refuses every query parameter besides the listing's filters, limit and after.
/// Parameters that say nothing about which units are wanted, and that clients add by themselves, are refused with
/// them: a cache-buster (jQuery's cache: false adds _=timestamp, as do many map widgets) and OGC clients' f=json.
/// A listing that answered 200 before the session now answers 400.
/// </summary>
public sealed class When_a_client_adds_a_parameter_that_does_not_filter
{
    [Theory]
    [InlineData("limit=2&_=1717171717171")]
    [InlineData("limit=2&f=json")]
    public async Task Should_list_the_units_as_without_it(string query)
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4);

        var response = await node.Http.GetAsync($"/api/units?{query}");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{query}' was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>
/// Found by review (session 17), now fixed: before, an empty after (a client that templates "after={token}" and starts with no token) read as the
/// first page before; the new check takes "" as a token that is not a unit code and refuses the first page.
/// </summary>
public sealed class When_a_client_asks_for_the_first_page_with_an_empty_after
{
    [Fact]
    public async Task Should_answer_the_first_page()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4);

        var response = await node.Http.GetAsync("/api/units?limit=2&after=");

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"after= was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

/// <summary>
/// Found by review (session 17), now fixed: before, GrpcFailures answers an anonymous query's store failure with SQLite's own message, which names
/// the store's tables and columns ("no such table: units"). The HTTP side answers the same failure with its trace id
/// only, the failure "logged for operators rather than shown" (MapDefaultEndpoints); NodeQuery needs no credential.
/// </summary>
public sealed class When_the_nodes_store_fails_under_an_anonymous_gRPC_query
{
    [Fact]
    public async Task Should_not_show_the_store_s_SQL_to_the_caller()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(2);
        using (var connection = node.Service<ZoningHub.Node.Store.NodeDatabase>().Open())
        {
            ZoningHub.ServiceDefaults.Storage.SqliteExtensions.Execute(connection, null, "ALTER TABLE units RENAME TO units_away");
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => new NodeQuery.NodeQueryClient(node.Channel)
            .GetUnitAsync(new GetUnitRequest { Code = "ZH33010600001" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.DoesNotContain("no such table", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);
        // Nor in its rich status, which says what failed and the trace id the node's log has it under.
        var rich = refused.GetRpcStatus()!;
        var info = rich.GetDetail<Google.Rpc.ErrorInfo>()!;
        Assert.Equal("STORE_FAILED", info.Reason);
        Assert.Contains($"trace id {info.Metadata["trace_id"]}", refused.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("no such table", rich.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
