using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Review: the hub records a node's acknowledged revision only when a push or a snapshot's completion is acknowledged. A
/// node whose store was lost answers that it holds no log and acknowledged nothing, and is sent a snapshot; all the while
/// (minutes for a national snapshot over a slow link, for ever while the node refuses its chunks) the status goes on
/// showing the revision it had before, with no lag, and the filings as if the national node still held every province.
/// </summary>
public sealed class When_a_node_whose_store_was_lost_takes_a_snapshot
{
    [Fact]
    public async Task Should_show_the_lag_and_the_pending_filings_of_what_the_node_holds()
    {
        // One unit per chunk, each taken 150 ms after the last: the snapshot takes seconds.
        await using var system = await PushedSystem.StartAsync(pushBatchBytes: 1024);
        await system.LoadAsync();
        var national = system.National;
        await national.StopAsync();
        national.DeleteStore();
        national.ChunkDelay = TimeSpan.FromMilliseconds(150);
        await national.StartAsync();

        await Eventually.HoldsAsync(() => national.SnapshotInProgress() is { UnitsReceived: >= 2 }, "the national node is part-way through its snapshot");
        var status = await system.Hub.GetJsonAsync("/api/status");
        var node = status.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == "national");
        var head = status.GetProperty("headRevision").GetInt64();
        Assert.True(national.SnapshotInProgress() is not null, "the snapshot was still under way when the status was read");

        Assert.True(node.GetProperty("lagRevisions").GetInt64() == head && node.GetProperty("acknowledgedRevision").GetInt64() == national.Acknowledged(),
            $"the node acknowledged {national.Acknowledged()} and holds no unit yet (head {head}); status shows {node}");
        Assert.True(status.GetProperty("filings").EnumerateArray().All(f => f.GetProperty("pendingRevisions").GetInt64() > 0),
            $"the national node holds no province's units yet; filings shown: {status.GetProperty("filings")}");
    }
}
