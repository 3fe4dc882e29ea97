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

/// <summary>
/// Anyone may read the status, which shows each node's state and lag; where the nodes are on the deployment's network
/// is shown only to a request with the operator credential.
/// </summary>
public sealed class When_the_status_is_read
{
    [Fact]
    public async Task Should_show_the_nodes_addresses_to_the_operator_only()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path,
            ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", "http://10.20.30.40:5091"));

        string? Address(System.Text.Json.JsonElement status) => status.GetProperty("nodes")[0].GetProperty("address").GetString();
        var anonymous = await hub.GetAsync("/api/status");
        var operatorView = await hub.GetAsync("/api/status", HubHost.OperatorCredential);
        var wrong = await hub.GetAsync("/api/status", "not-the-credential");

        Assert.Null(Address(await Json(anonymous)));
        Assert.Equal("http://10.20.30.40:5091/", Address(await Json(operatorView)));
        Assert.Null(Address(await Json(wrong)));
    }

    static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
