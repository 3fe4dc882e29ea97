using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Security review: the hub's answers tell browsers to take nothing from other origins, allow no framing and no
/// sniffing; the nodes' answers to local users, read in browsers too, told them nothing.
/// </summary>
public sealed class When_a_browser_reads_a_node
{
    [Theory]
    [InlineData("/api/units?limit=1")]
    [InlineData("/api/units/ZH33010619999")]
    [InlineData("/api/state")]
    public async Task Should_allow_only_the_nodes_own_resources_no_framing_no_sniffing_and_no_referrer(string path)
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        await using var node = new NodeHost("national", "national", "credential", data.Path);
        await node.StartAsync();
        using var http = new HttpClient { BaseAddress = node.HttpUrl };

        using var response = await http.GetAsync(path);

        Assert.Equal("default-src 'self'; frame-ancestors 'none'", string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
    }
}
