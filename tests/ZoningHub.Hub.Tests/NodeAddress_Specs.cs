using Microsoft.Extensions.Options;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: a node address written as host and port, as Docker and most tools write one (<c>national-node:5091</c>), is an
/// absolute URI whose scheme is the host name, so it passes the hub's check. The pusher then fails making its gRPC channel,
/// before its first call and outside its retry loop, and stops for good. With other nodes registered nothing is logged
/// (the failure waits in a Task.WhenAll over pushers that never end, and is logged only when the hub stops), and the node
/// is shown "unknown", with no error, for as long as the hub runs; with no other node, the hub stops.
/// </summary>
public sealed class When_a_nodes_address_is_not_an_http_address
{
    [Fact]
    public async Task Should_refuse_to_start_naming_the_setting_or_show_why_the_node_is_not_pushed()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        HubHost hub;
        try
        {
            hub = await HubHost.StartAsync(data.Path,
                ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", "national-node:5091"),
                ("Hub:Nodes:1:Id", "zhejiang"), ("Hub:Nodes:1:Scope", "33"), ("Hub:Nodes:1:Address", "http://127.0.0.1:9"));
        }
        catch (OptionsValidationException refused)
        {
            Assert.Contains("Hub:Nodes:N:Address", refused.Message, StringComparison.Ordinal);
            return;
        }

        await using (hub)
        {
            System.Text.Json.JsonElement Node() => hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes").EnumerateArray()
                .Single(n => n.GetProperty("nodeId").GetString() == "national");
            await Eventually.HoldsAsync(() => Node().GetProperty("lastError").ValueKind == System.Text.Json.JsonValueKind.String,
                () => $"the status says why the node at national-node:5091 is not pushed: {Node()}", seconds: 15);
        }
    }
}

/// <summary>
/// Review: two node ids with one address are one node pushed everything twice; a national one files every province's
/// updates twice, under two names.
/// </summary>
public sealed class When_two_nodes_are_registered_at_one_address
{
    [Fact]
    public async Task Should_refuse_to_start_naming_the_setting()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => HubHost.StartAsync(data.Path,
            ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"), ("Hub:Nodes:0:Address", "http://127.0.0.1:5091"),
            ("Hub:Nodes:1:Id", "national-again"), ("Hub:Nodes:1:Scope", "national"), ("Hub:Nodes:1:Address", "http://127.0.0.1:5091/")));

        Assert.Contains("Hub:Nodes:N:Address", refused.Message, StringComparison.Ordinal);
    }
}
