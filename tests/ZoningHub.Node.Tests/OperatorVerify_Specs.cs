using System.Net;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>An operator's "verify now" is a check made, not a check tried: one the node could not answer is made when it can.</summary>
public sealed class When_an_operators_check_cannot_be_made_at_once
{
    [Fact]
    public async Task Should_make_it_when_the_node_answers_again_rather_than_at_the_next_scheduled_check()
    {
        // Scheduled checks an hour apart: only the operator's request can find the damage within the spec.
        await using var system = await PushedSystem.StartAsync(digestInterval: "01:00:00");
        await system.LoadAsync();
        var zhejiang = system.Province("33");
        var taken = zhejiang.SnapshotsTaken().Count;
        await zhejiang.StopAsync();
        // Slower than the hub's push deadline (5 s): the check times out.
        zhejiang.DigestDelay = TimeSpan.FromSeconds(6);
        await zhejiang.StartAsync();
        using (var connection = zhejiang.Database.Open())
        {
            // A hand edit the node's acknowledged revision does not show: only a digest check finds it.
            Assert.True(connection.Execute(null, "DELETE FROM units WHERE code = (SELECT MIN(code) FROM units)")
                + connection.Execute(null, "DELETE FROM base_chunks WHERE chunk = (SELECT MAX(chunk) FROM base_chunks)") > 0);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/zhejiang/verify")).StatusCode);
        await Eventually.HoldsAsync(() => system.NodeStatus("zhejiang").GetProperty("lastError").GetString()?.Contains("DeadlineExceeded", StringComparison.Ordinal) == true,
            () => $"the check is tried and times out: {system.NodeStatus("zhejiang")}");

        await zhejiang.StopAsync();
        zhejiang.DigestDelay = TimeSpan.Zero;
        await zhejiang.StartAsync();

        await Eventually.HoldsAsync(() => zhejiang.SnapshotsTaken().Count == taken + 1,
            () => $"the operator's check, made once the node answers in time, finds the damage and resyncs it: {system.NodeStatus("zhejiang")}", seconds: 30);
        await system.AllVerifiedAsync();
    }
}

/// <summary>A node rebuilt by snapshot is checked at once, not left unverified until the next scheduled check.</summary>
public sealed class When_a_node_has_taken_a_snapshot
{
    [Fact]
    public async Task Should_show_it_verified_by_a_check_at_the_end_of_that_round()
    {
        await using var system = await PushedSystem.StartAsync(digestInterval: "01:00:00");
        await system.LoadAsync();
        var anhui = system.Province("34");
        var taken = anhui.SnapshotsTaken().Count;

        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/anhui/resync")).StatusCode);
        await Eventually.HoldsAsync(() => anhui.SnapshotsTaken().Count == taken + 1, () => $"the operator's resync: {system.NodeStatus("anhui")}");

        // An hour before the next scheduled check: only the check after the snapshot shows the node verified. A minute
        // allows for a digest that misses the push deadline on a loaded machine and is checked again a round later.
        await system.AllVerifiedAsync(seconds: 60);
    }
}
