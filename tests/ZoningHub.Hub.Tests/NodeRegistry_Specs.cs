using System.Net;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>The hub shows and acts on the nodes it is configured with: one taken out of the configuration is gone from the status.</summary>
public sealed class When_a_node_is_taken_out_of_the_hubs_configuration
{
    [Fact]
    public async Task Should_no_longer_show_it_or_act_on_it()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        // Nothing answers at these addresses; the registry is what this is about.
        (string, string)[] Node(int index, string id, string scope) =>
            [($"Hub:Nodes:{index}:Id", id), ($"Hub:Nodes:{index}:Scope", scope), ($"Hub:Nodes:{index}:Address", $"http://127.0.0.1:9/{id}")];
        await using (var hub = await HubHost.StartAsync(data.Path, [.. Node(0, "national", "national"), .. Node(1, "zhejiang", "33")]))
        {
            Assert.Equal(["national", "zhejiang"], NodeIds(await hub.GetJsonAsync("/api/status")));
        }

        await using (var hub = await HubHost.StartAsync(data.Path, Node(0, "national", "national")))
        {
            Assert.Equal(["national"], NodeIds(await hub.GetJsonAsync("/api/status")));
            Assert.Equal(HttpStatusCode.NotFound, (await hub.PostAsync("/api/admin/nodes/zhejiang/resync")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await hub.PostAsync("/api/admin/nodes/national/verify")).StatusCode);
        }

        // Put back, it is shown again with what it had.
        await using (var hub = await HubHost.StartAsync(data.Path, [.. Node(0, "national", "national"), .. Node(1, "zhejiang", "33")]))
        {
            Assert.Equal(["national", "zhejiang"], NodeIds(await hub.GetJsonAsync("/api/status")));
        }
    }

    static string[] NodeIds(System.Text.Json.JsonElement status) =>
        [.. status.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()!)];
}
