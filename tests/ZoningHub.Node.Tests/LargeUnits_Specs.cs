using Microsoft.Extensions.Options;
using ZoningHub.Hub;
using ZoningHub.Hub.Store;
using ZoningHub.Hub.Tests;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A general-control unit can be tens of megabytes: its push is given the time its bytes take over a slow link, and one
/// larger than a node takes is named on the hub rather than sent for the node to refuse.
/// </summary>
public sealed class When_a_unit_is_tens_of_megabytes : IDisposable
{
    const string Credential = "large-units-credential";
    const string Large = "ZH33010630001";

    readonly TemporaryDirectory _data = new("zoninghub-large-");

    string HubData => Path.Combine(_data.Path, "hub");

    [Fact]
    public async Task Should_give_a_push_over_a_slow_link_the_time_its_bytes_take()
    {
        // Logged before the node is first reached, so it goes in a snapshot chunk of its own; its next version in a batch.
        LoggedUnits.Append(HubStore(), Large, 1, 3_000_000);
        await using var node = await StartNodeAsync("national", "national");
        // 1 MB/s: each push of the unit takes some three times Hub:PushDeadline to arrive.
        await using var link = new NodeLink(node.GrpcUrl) { BytesPerSecond = 1_000_000 };
        await using var hub = await StartHubAsync([("national", "national", link.Url)], ("Hub:PushMinimumBytesPerSecond", "500000"));

        await Eventually.HoldsAsync(() => node.Acknowledged() == 1, () => $"the node takes the unit by snapshot; status {Status(hub)}", 60);
        var revision = LoggedUnits.Append(hub, Large, 2, 3_000_000);
        await Eventually.HoldsAsync(() => node.Acknowledged() == revision, () => $"the node takes its next version from the log; status {Status(hub)}", 60);
    }

    [Fact]
    public async Task Should_say_which_unit_is_larger_than_a_node_takes_and_by_how_much()
    {
        LoggedUnits.Append(HubStore(), "ZH33010610001", 1, 1_000);
        await using var national = await StartNodeAsync("national", "national");
        var zhejiang = new NodeHost("zhejiang", "33", Credential, Path.Combine(_data.Path, "nodes"));
        await using var hub = await StartHubAsync([("national", "national", national.GrpcUrl), ("zhejiang", "33", zhejiang.GrpcUrl)]);
        await Eventually.HoldsAsync(() => national.Acknowledged() == 1, () => $"the national node takes the small unit; status {Status(hub)}");

        // One byte of geometry past 64 MiB: in the national node's next batch, and in Zhejiang's first snapshot.
        LoggedUnits.Append(hub, Large, 1, 64 * 1024 * 1024 + 1);
        await using (zhejiang)
        {
            await zhejiang.StartAsync();
            foreach (var id in new[] { "national", "zhejiang" })
            {
                await Eventually.HoldsAsync(() => Status(hub, id).GetProperty("lastError").GetString() is { } error
                        && error.Contains($"unit {Large} (revision 2) is 67,108,", StringComparison.Ordinal)
                        && error.Contains("more than the 67,108,864 bytes (64 MiB) a node takes in one message", StringComparison.Ordinal),
                    () => $"the hub says which unit node {id} cannot take, its size and the limit; status {Status(hub, id)}");
            }
        }

        Assert.Equal(1, national.Acknowledged());
    }

    HubDatabase HubStore() => new(Options.Create(new HubOptions { DataDirectory = HubData, PushCredential = Credential }));

    async Task<NodeHost> StartNodeAsync(string id, string scope)
    {
        var node = new NodeHost(id, scope, Credential, Path.Combine(_data.Path, "nodes"));
        await node.StartAsync();
        return node;
    }

    Task<HubHost> StartHubAsync(IEnumerable<(string Id, string Scope, Uri Address)> nodes, params (string, string)[] settings) =>
        HubHost.StartAsync(HubData, [("Hub:PushCredential", Credential), ("Hub:PushDeadline", "00:00:01"), .. settings,
            .. nodes.SelectMany((n, i) => new[] { ($"Hub:Nodes:{i}:Id", n.Id), ($"Hub:Nodes:{i}:Scope", n.Scope), ($"Hub:Nodes:{i}:Address", n.Address.ToString()) })]);

    static System.Text.Json.JsonElement Status(HubHost hub, string id = "national") =>
        hub.GetJsonAsync("/api/status").GetAwaiter().GetResult().GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == id);

    public void Dispose() => _data.Dispose();
}
