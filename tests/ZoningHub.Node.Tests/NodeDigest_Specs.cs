using System.Net;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Issue 5: digests show "in sync" rather than assume it, and a node the log cannot bring up is sent a snapshot.</summary>
public sealed class When_a_node_drifts_from_the_hub
{
    [Fact]
    public async Task Should_see_a_tampered_node_in_its_digest_and_repair_it_by_snapshot()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var zhejiang = system.Province("33");
        var first = Assert.Single(zhejiang.SnapshotsTaken());
        using (var connection = zhejiang.Database.Open())
        {
            // What a faulty disk or a hand edit would do: the node's acknowledged revision no longer tells the truth.
            // Its units are in its snapshot's chunks or, pushed since, in its units table: one unit or chunk of each lost.
            var lost = connection.Execute(null, "DELETE FROM units WHERE code = (SELECT MIN(code) FROM units)")
                + connection.Execute(null, "DELETE FROM base_chunks WHERE chunk = (SELECT MAX(chunk) FROM base_chunks)");
            Assert.True(lost > 0);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/zhejiang/verify")).StatusCode);
        await Eventually.HoldsAsync(() => zhejiang.SnapshotsTaken().Count == 2, () => $"the mismatch leads to a resync: {system.NodeStatus("zhejiang")}");
        await system.AllVerifiedAsync();

        When_a_node_or_the_hub_goes_away.AssertHoldsItsScope(system, zhejiang);
        Assert.Contains(first, zhejiang.SnapshotsTaken());
    }

    [Fact]
    public async Task Should_send_a_snapshot_to_a_node_behind_the_compacted_log()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var anhui = system.Province("34");
        var first = Assert.Single(anhui.SnapshotsTaken());
        await anhui.StopAsync();
        for (var n = 1; n <= 6; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "34"));
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 6));
        var compaction = await system.Hub.PostAsync("/api/admin/compact-log?keep=0");
        Assert.Equal(HttpStatusCode.OK, compaction.StatusCode);
        Assert.Contains("\"dropped\":", await compaction.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var store = system.Hub.Service<HubDatabase>().Open())
        {
            // The encodings went with the entries they encode, and no entry left lost its own.
            Assert.Equal(store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_log"), store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_messages"));
            Assert.Equal(0L, store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_log l LEFT JOIN unit_messages m ON m.revision = l.revision WHERE m.revision IS NULL"));

            // Each entry's geometry is stored once, in its encoding, and the hub's own reads take it from there.
            Assert.Equal(0L, store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_log WHERE geometry IS NOT NULL"));
            var encoded = store.Query(null, "SELECT revision, message FROM unit_messages", r => (r.GetInt64(0), UnitRevision.Parser.ParseFrom((byte[])r[1])))
                .ToDictionary(e => e.Item1, e => e.Item2.GeometryWkb.ToByteArray());
            var active = system.Hub.Service<UnitLogReader>().Active(null, null, null);
            Assert.NotEmpty(active);
            Assert.All(active, unit => Assert.Equal(encoded[unit.Revision], unit.GeometryWkb));
        }

        await StartBehindTheLogAsync(system, anhui, first);
    }

    /// <summary>Starts a node that acknowledged less than the compacted log holds: a second snapshot brings it up, verified.</summary>
    internal static async Task StartBehindTheLogAsync(PushedSystem system, NodeHost node, string firstSnapshot)
    {
        await node.StartAsync();
        await system.AllVerifiedAsync();

        When_a_node_or_the_hub_goes_away.AssertHoldsItsScope(system, node);
        Assert.Equal(2, node.SnapshotsTaken().Count);
        Assert.Contains(firstSnapshot, node.SnapshotsTaken());
    }

    [Fact]
    public async Task Should_keep_a_filing_record_per_province_the_national_node_acknowledged()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        await system.SendAsync(ProvinceWorld.Edit(1, "33"));
        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 1));
        await system.AllVerifiedAsync();

        var status = await system.Hub.GetJsonAsync("/api/status");
        var filings = status.GetProperty("filings").EnumerateArray().ToDictionary(f => f.GetProperty("province").GetString()!);
        Assert.Equal(ProvinceWorld.Provinces, filings.Keys.Order(StringComparer.Ordinal));
        Assert.All(filings.Values, f =>
        {
            Assert.Equal(0, f.GetProperty("pendingRevisions").GetInt64());
            // Filed through a revision at or after the province's newest: the acknowledged range holding it may reach further.
            Assert.True(f.GetProperty("filedRevision").GetInt64() >= f.GetProperty("latestRevision").GetInt64(), f.ToString());
        });

        // The edit to Zhejiang was filed by the national node's acknowledgement of the log range holding it.
        var records = (await system.Hub.GetJsonAsync("/api/filings?province=33")).EnumerateArray().ToList();
        var latest = records[0];
        Assert.Equal("log", latest.GetProperty("kind").GetString());
        Assert.Equal("national", latest.GetProperty("nodeId").GetString());
        Assert.True(latest.GetProperty("units").GetInt64() >= 1);
        Assert.True(latest.GetProperty("fromRevision").GetInt64() < latest.GetProperty("toRevision").GetInt64());
        Assert.Equal(filings["33"].GetProperty("filedRevision").GetInt64(), latest.GetProperty("toRevision").GetInt64());
        Assert.All(records, r => Assert.Equal("33", r.GetProperty("province").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await system.Hub.GetAsync("/api/filings?province=zj")).StatusCode);
    }
}
