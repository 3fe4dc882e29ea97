using System.Net;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node that failed waits out the hub's backoff before it is tried again; an operator who has brought it back and
/// asks for it is answered now. Backoff waited its whole length (up to 30 s by default) whatever the operator asked.
/// </summary>
public sealed class When_an_operator_asks_for_a_node_the_hub_is_backing_off_from
{
    [Theory]
    [InlineData("verify")]
    [InlineData("resync")]
    public async Task Should_try_it_at_once_while_new_units_leave_the_backoff_alone(string action)
    {
        // A backoff far longer than the spec: only the operator's request can end it within it.
        await using var system = await PushedSystem.StartAsync(hubSettings: [("Hub:PushRetryBackoff", "00:10:00"), ("Hub:PushRetryMaxBackoff", "00:10:00")]);
        await system.LoadAsync();
        var anhui = system.Province("34");
        await anhui.StopAsync();
        await Eventually.HoldsAsync(() => system.NodeStatus("anhui").GetProperty("state").GetString() is "retrying" or "offline",
            () => $"the stopped node is found unreachable, and backed off from: {system.NodeStatus("anhui")}");

        await anhui.StartAsync();
        await system.SendAsync(ProvinceWorld.Edit(1, "34"));
        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 1));
        // New units in its scope wake the pusher many times a second under load: they must not cut its backoff short.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(anhui.PushCalls);
        Assert.True(system.NodeStatus("anhui").GetProperty("lagRevisions").GetInt64() > 0, "the node is still behind, backed off from");

        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync($"/api/admin/nodes/anhui/{action}")).StatusCode);
        await system.AllVerifiedAsync(seconds: 30);
    }
}

/// <summary>
/// A node back after a long outage is reached at the pusher's next try. The gRPC channel kept its own reconnect backoff
/// (growing to 120 s) and failed each call meanwhile without trying, so the node stayed unreached long after it was back.
/// </summary>
public sealed class When_a_node_comes_back_after_a_long_outage
{
    [Fact]
    public async Task Should_be_reached_at_the_next_try_of_the_pushers_backoff()
    {
        await using var system = await PushedSystem.StartAsync(hubSettings: [("Hub:PushRetryBackoff", "00:00:00.100"), ("Hub:PushRetryMaxBackoff", "00:00:00.500")]);
        await system.LoadAsync();
        var anhui = system.Province("34");
        await anhui.StopAsync();
        await system.SendAsync(ProvinceWorld.Edit(1, "34"));
        // Long enough for a channel's reconnect backoff (1 s, growing 1.6 times per failed connection) to pass 10 s.
        await Task.Delay(TimeSpan.FromSeconds(30));

        await anhui.StartAsync();
        var back = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => anhui.PushCalls.Count > 0, () => $"the node is pushed to again: {system.NodeStatus("anhui")}", seconds: 60);
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(8), $"reached {back.Elapsed.TotalSeconds:F1} s after it was back, with tries every 0.6 s at most");
        await system.AllVerifiedAsync();
    }
}
