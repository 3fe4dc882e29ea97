using System.Net;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>An operator's resync is carried out whenever the hub restarts: before its snapshot began, or part-way through it.</summary>
public sealed class When_the_hub_restarts_with_an_operators_resync_under_way
{
    [Fact]
    public async Task Should_take_a_resync_asked_for_while_the_node_was_away()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var zhejiang = system.Province("33");
        var taken = zhejiang.SnapshotsTaken().Count;
        await zhejiang.StopAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/zhejiang/resync")).StatusCode);

        // The hub cannot reach the node to begin the snapshot before it stops.
        await system.StopHubAsync();
        await zhejiang.StartAsync();
        await system.StartHubAsync();

        await Eventually.HoldsAsync(() => zhejiang.SnapshotsTaken().Count == taken + 1,
            () => $"the node takes the snapshot asked for before the restart; status {system.NodeStatus("zhejiang")}");
        await system.AllVerifiedAsync();
    }

    /// <summary>
    /// A hub whose store was lost holds fewer units than the national node, which keeps its own; an operator asks for
    /// the resync anyway, and the hub restarts part-way through the snapshot (review s11).
    /// </summary>
    [Fact]
    public async Task Should_finish_a_snapshot_begun_for_the_operator_over_fewer_units_than_the_node_holds()
    {
        await using var system = await PushedSystem.StartAsync(pushBatchBytes: 1024);
        await system.LoadAsync();
        var national = system.National;
        var taken = national.SnapshotsTaken().Count;
        await system.StopHubAsync();
        Directory.Delete(Path.Combine(system.DataPath, "hub"), recursive: true);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the stopped hub's pooled connections hold the removed file
        await national.StopAsync();
        national.ChunkDelay = TimeSpan.FromMilliseconds(150);
        await national.StartAsync();

        await system.StartHubAsync();
        await system.SendAsync(ProvinceWorld.Initial()[0]); // counties only: fewer units than the node holds
        await system.Hub.SettledAsync((Sources.OneMap, 1));
        await Eventually.HoldsAsync(() => system.NodeStatus("national").GetProperty("lastError").GetString()?.Contains("keeps its units", StringComparison.Ordinal) == true,
            () => $"the new hub waits: {system.NodeStatus("national")}");
        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/national/resync")).StatusCode);
        await Eventually.HoldsAsync(() => national.SnapshotInProgress() is { UnitsReceived: >= 2 }, "the operator's snapshot is part-way through");

        await system.StopHubAsync();
        var progress = national.SnapshotInProgress()!;
        await system.StartHubAsync();

        await Eventually.HoldsAsync(() => national.SnapshotsTaken().Count == taken + 1,
            () => $"the begun snapshot {progress.SnapshotId} ({progress.UnitsReceived} units taken) completes after the restart; node snapshot now "
                + $"{national.SnapshotInProgress()}; status {system.NodeStatus("national")}");
        Assert.Equal(progress.SnapshotId, national.SnapshotsTaken()[0]);
        Assert.Equal(system.HubUnits("national").Count, national.UnitCount());
    }
}
