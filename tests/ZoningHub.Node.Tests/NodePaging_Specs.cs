using System.Net;
using System.Text.Json;

namespace ZoningHub.Node.Tests;

/// <summary>A client pages through a node's units by following the next links, however it spelled its request.</summary>
public sealed class When_a_client_follows_a_nodes_next_links
{
    [Fact]
    public async Task Should_not_repeat_a_page_when_the_client_spelled_After_with_a_capital()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4);

        // ASP.NET binds query names regardless of case, so After= is taken as after=.
        var first = await Page(node, "/api/units?limit=1&After=ZH33010600001");
        var next = Next(first);
        var second = await Page(node, next);

        Assert.Equal("ZH33010600002", Id(first));
        Assert.True(Id(second) == "ZH33010600003", $"next link {next} gave {Id(second)} again");
    }

    [Fact]
    public async Task Should_refuse_after_given_twice()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4);

        var refused = await node.Http.GetAsync("/api/units?limit=1&after=ZH33010600001&After=ZH33010600002");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("after was given 2 times", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_link_relative_to_the_page_whatever_host_the_request_named()
    {
        await using var node = await QueryNode.StartAsync();
        await node.PushAsync(4);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/units?limit=1&type=3");
        request.Headers.Host = "attacker.example";

        var page = JsonDocument.Parse(await (await node.Http.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("/api/units?limit=1&type=3&after=ZH33010600001", Next(page));
        Assert.Equal("ZH33010600002", Id(await Page(node, Next(page))));
    }

    static async Task<JsonElement> Page(QueryNode node, string link)
    {
        var response = await node.Http.GetAsync(new Uri(node.HttpUrl, link));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    static string Next(JsonElement page) => page.GetProperty("links")[0].GetProperty("href").GetString()!;

    static string Id(JsonElement page) => page.GetProperty("features")[0].GetProperty("id").GetString()!;
}
