using System.Net;
using ZoningHub.Contracts;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A failure in the hub's own store is the hub's: it is shown on the node it held up, in the hub's words, nothing
/// damaged reaches a node, and the other nodes go on being served.
/// </summary>
public sealed class When_the_hubs_store_is_damaged
{
    [Fact]
    public async Task Should_stop_a_snapshot_at_the_damaged_entry_say_why_and_resume_once_it_is_restored()
    {
        // Small chunks: the chunks before the damaged unit's are taken, the snapshot stops at it.
        await using var system = await PushedSystem.StartAsync(pushBatchBytes: 16 * 1024);
        await system.LoadAsync();
        var zhejiang = system.Province("33");
        var first = Assert.Single(zhejiang.SnapshotsTaken());

        // An active unit in the middle of Zhejiang's code order loses its encoding: the one place its geometry is kept.
        var (revision, code, message) = RemoveEncodingOfMiddleUnit(system.Hub.Service<HubDatabase>(), "33");
        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/zhejiang/resync")).StatusCode);

        await Eventually.HoldsAsync(() => system.NodeStatus("zhejiang").GetProperty("lastError").GetString() is { } error
                && error.Contains($"r{revision} ({code})", StringComparison.Ordinal),
            () => $"the snapshot stops at the damaged entry and says so: {system.NodeStatus("zhejiang")}");
        var status = system.NodeStatus("zhejiang");
        Assert.Equal("retrying", status.GetProperty("state").GetString());
        Assert.StartsWith("the hub's own failure:", status.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        var progress = zhejiang.SnapshotInProgress();
        Assert.NotNull(progress);
        Assert.True(string.CompareOrdinal(progress.LastCode, code) < 0, $"the node took nothing from {code} on (took through {progress.LastCode})");
        Assert.Equal([first], zhejiang.SnapshotsTaken());

        // Nor does the hub's API hand out the unit without its geometry: the request fails with a trace id to quote.
        var units = await system.Hub.GetAsync("/api/units?province=33");
        Assert.Equal(HttpStatusCode.InternalServerError, units.StatusCode);
        Assert.Equal("application/problem+json", units.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"traceId\"", await units.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The hub is still up, and pushes a change in Anhui to the nodes it concerns meanwhile.
        await system.SendAsync(ProvinceWorld.Edit(1, "34"));
        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 1));
        var head = system.Hub.HeadRevision();
        await Eventually.HoldsAsync(() => system.Province("34").Acknowledged() == head && system.National.Acknowledged() == head,
            () => $"Anhui's and the national node take the change while Zhejiang's snapshot is held up; head {head}");

        using (var store = system.Hub.Service<HubDatabase>().Open())
        {
            store.Execute(null, "INSERT INTO unit_messages (revision, message) VALUES ($r, $m)", ("$r", revision), ("$m", message));
        }

        await system.AllVerifiedAsync();
        When_a_node_or_the_hub_goes_away.AssertHoldsItsScope(system, zhejiang);
        Assert.Equal(2, zhejiang.SnapshotsTaken().Count);
        Assert.Equal(progress.SnapshotId, zhejiang.SnapshotsTaken()[0]);
    }

    static (long Revision, string Code, byte[] Message) RemoveEncodingOfMiddleUnit(HubDatabase hub, string province)
    {
        using var store = hub.Open();
        var units = store.Query(null, "SELECT revision, code FROM units WHERE substr(county, 1, 2) = $p AND retired = 0 ORDER BY code",
            r => (r.GetInt64(0), r.GetString(1)), ("$p", province));
        var (revision, code) = units[units.Count / 2];
        var message = store.Scalar<byte[]>(null, "SELECT message FROM unit_messages WHERE revision = $r", ("$r", revision))!;
        store.Execute(null, "DELETE FROM unit_messages WHERE revision = $r", ("$r", revision));
        return (revision, code, message);
    }
}
