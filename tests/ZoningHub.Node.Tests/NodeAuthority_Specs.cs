using System.Net;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Issue 5: a node takes pushes only with its credential; the hub pushes a node only its registered scope.</summary>
public sealed class When_a_node_and_the_hub_do_not_trust_each_other
{
    [Fact]
    public async Task Should_refuse_a_hub_with_the_wrong_credential_and_show_the_refusal_in_the_status_api()
    {
        await using var system = await PushedSystem.StartAsync(credentials: new Dictionary<string, string> { ["anhui"] = "not-the-hubs-credential" });
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await system.SendAsync(changeSet);
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence));
        await Eventually.HoldsAsync(() => system.NodeStatus("anhui").GetProperty("state").GetString() == "refused",
            () => $"the hub shows anhui refused: {system.NodeStatus("anhui")}");

        var anhui = system.NodeStatus("anhui");
        Assert.Contains("Unauthenticated", anhui.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains("not the hub's", anhui.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.False(anhui.GetProperty("verified").GetBoolean());
        Assert.Empty(system.Province("34").Units());
        Assert.Equal(0, system.Province("34").Acknowledged());
        // The others are not held up by it.
        await Eventually.HoldsAsync(() => system.NodeStatus("zhejiang").GetProperty("verified").GetBoolean(), "zhejiang is verified in sync");
    }

    [Fact]
    public async Task Should_push_nothing_to_a_node_that_reports_another_scope_than_it_is_registered_for()
    {
        await using var system = await PushedSystem.StartAsync(misregistered: ("anhui", "33"));
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await system.SendAsync(changeSet);
        }

        await Eventually.HoldsAsync(() => system.NodeStatus("anhui").GetProperty("state").GetString() == "refused",
            () => $"the hub refuses to push anhui: {system.NodeStatus("anhui")}");
        Assert.Contains("reports scope '34' but is registered as '33'", system.NodeStatus("anhui").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Empty(system.Province("34").Units());
    }

    [Fact]
    public async Task Should_refuse_operator_requests_for_a_node_that_is_not_registered()
    {
        await using var system = await PushedSystem.StartAsync();
        var response = await system.Hub.PostAsync("/api/admin/nodes/atlantis/resync");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No node has id 'atlantis'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
