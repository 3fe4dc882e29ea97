using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Issue 5: nodes converge after any outage, on either side, and end with matching digests.</summary>
public sealed class When_a_node_or_the_hub_goes_away
{
    [Fact]
    public async Task Should_catch_up_a_node_stopped_while_changes_flow_from_the_log()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var zhejiang = system.Province("33");
        var snapshots = zhejiang.SnapshotsTaken();
        await zhejiang.StopAsync();

        for (var n = 1; n <= 12; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n));
        }

        await system.Hub.SettledAsync((Testing.Sources.OneMap, ProvinceWorld.InitialSequence + 12));
        await Eventually.HoldsAsync(() => system.NodeStatus("zhejiang").GetProperty("state").GetString() is "retrying" or "offline",
            () => $"the hub shows the stopped node as unreachable: {system.NodeStatus("zhejiang")}");
        Assert.True(system.NodeStatus("zhejiang").GetProperty("lagRevisions").GetInt64() > 0);

        await zhejiang.StartAsync();
        await system.AllVerifiedAsync();

        AssertHoldsItsScope(system, zhejiang);
        // Caught up from the log it had acknowledged, not by being sent everything again.
        Assert.Equal(snapshots, zhejiang.SnapshotsTaken());
    }

    [Fact]
    public async Task Should_rebuild_a_node_whose_store_was_deleted_by_snapshot()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var national = system.National;
        var first = Assert.Single(national.SnapshotsTaken());
        await national.StopAsync();
        national.DeleteStore();
        await system.SendAsync(ProvinceWorld.Edit(1));

        await national.StartAsync();
        Assert.Equal(0, national.Acknowledged());
        await system.AllVerifiedAsync();

        AssertHoldsItsScope(system, national);
        Assert.NotEqual(first, Assert.Single(national.SnapshotsTaken()));
    }

    [Fact]
    public async Task Should_keep_the_nodes_units_while_a_hub_whose_store_was_lost_holds_fewer()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var held = system.Nodes.ToDictionary(n => n.Scope, n => n.UnitCount());
        var snapshots = system.Nodes.ToDictionary(n => n.Scope, n => n.SnapshotsTaken().Count);
        await system.StopHubAsync();
        Directory.Delete(Path.Combine(system.DataPath, "hub"), recursive: true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the stopped hub's pooled connections hold the removed file

        await system.StartHubAsync();
        await Eventually.HoldsAsync(() => system.NodeStatus("national").GetProperty("lastError").GetString()?.Contains("keeps its units", StringComparison.Ordinal) == true,
            () => $"the new hub, holding nothing yet, says why it does not replace the nodes' units: {system.NodeStatus("national")}");
        Assert.Equal(held, system.Nodes.ToDictionary(n => n.Scope, n => n.UnitCount()));
        Assert.Equal(snapshots, system.Nodes.ToDictionary(n => n.Scope, n => n.SnapshotsTaken().Count));

        // The departments send their change sets again: once the hub holds as many units, each node takes its snapshot.
        await system.LoadAsync();
        Assert.All(system.Nodes, n => Assert.Equal(snapshots[n.Scope] + 1, n.SnapshotsTaken().Count));
    }

    [Fact]
    public async Task Should_resume_the_log_push_after_the_hub_restarts_in_the_middle_of_it()
    {
        // One unit per batch, so the catch-up takes many calls and the hub can be stopped among them.
        await using var system = await PushedSystem.StartAsync(pushBatchBytes: 1024);
        await system.LoadAsync();
        var anhui = system.Province("34");
        var before = anhui.SnapshotsTaken();
        await anhui.StopAsync();
        const int edits = 30;
        for (var n = 1; n <= edits; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "34"));
        }

        await system.Hub.SettledAsync((Testing.Sources.OneMap, ProvinceWorld.InitialSequence + edits));
        var head = system.Hub.HeadRevision();
        await anhui.StartAsync();
        var loaded = anhui.Acknowledged();
        await WatchForAsync(() => anhui.Acknowledged() > loaded, "the node takes its first catch-up batch");
        await system.StopHubAsync();
        Assert.True(anhui.Acknowledged() < head, $"the hub stopped mid-push (node at {anhui.Acknowledged()} of {head})");

        await system.StartHubAsync();
        await system.AllVerifiedAsync();

        AssertHoldsItsScope(system, anhui);
        Assert.Equal(before, anhui.SnapshotsTaken());
    }

    [Fact]
    public async Task Should_resume_an_interrupted_snapshot_where_it_stopped()
    {
        await using var system = await PushedSystem.StartAsync(pushBatchBytes: 1024);
        await system.LoadAsync();
        var units = system.HubUnits("national").Count;
        var national = system.National;
        await national.StopAsync();
        national.DeleteStore();
        // Each one-unit chunk is taken 20 ms after the last: the whole snapshot would take over a second, and the hub is stopped early in it.
        national.ChunkDelay = TimeSpan.FromMilliseconds(20);
        await national.StartAsync();

        await WatchForAsync(() => national.SnapshotInProgress() is { UnitsReceived: >= 3 }, "the snapshot is part-way through");
        await system.StopHubAsync();
        var taken = national.SnapshotInProgress()!;
        Assert.True(taken.UnitsReceived < units, $"the hub stopped before the snapshot was through ({taken.UnitsReceived} of {units})");

        await system.StartHubAsync();
        await system.AllVerifiedAsync();

        AssertHoldsItsScope(system, national);
        // The same snapshot completed: the restarted hub went on after what the node had taken instead of starting over.
        Assert.Equal([taken.SnapshotId], national.SnapshotsTaken());
    }

    /// <summary>Polls tightly: a push of one unit per call is over in well under a second, and the moment to stop the hub is inside it.</summary>
    static async Task WatchForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(2);
        }
    }

    internal static void AssertHoldsItsScope(PushedSystem system, NodeHost node)
    {
        Assert.Equal(system.HubUnits(node.Scope).OrderBy(u => u.Key, StringComparer.Ordinal), node.Units().OrderBy(u => u.Key, StringComparer.Ordinal));
        var digest = node.Digest();
        Assert.Equal(system.Hub.HeadRevision(), digest.Revision);
        Assert.Equal(system.HubDigest(node), (digest.Digest, digest.UnitCount));
    }
}
