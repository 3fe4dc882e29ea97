using System.Net;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Review: a filing record (备案) says how many units of a province the national node acknowledged. One written for a
/// snapshot counted every version the hub's log still holds for the province, superseded ones included, though the
/// snapshot carries each unit once, as it is now: the record overstates what was filed by every edit made before it.
/// </summary>
public sealed class When_the_national_node_files_a_province_by_snapshot
{
    [Fact]
    public async Task Should_record_the_units_the_snapshot_carried()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        for (var n = 1; n <= 3; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "33"));
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 3));
        await system.AllVerifiedAsync();
        var taken = system.National.SnapshotsTaken().Count;

        Assert.Equal(HttpStatusCode.Accepted, (await system.Hub.PostAsync("/api/admin/nodes/national/resync")).StatusCode);
        await Eventually.HoldsAsync(() => system.National.SnapshotsTaken().Count == taken + 1, "the national node takes the snapshot asked for");
        await system.AllVerifiedAsync();

        var filing = (await system.Hub.GetJsonAsync("/api/filings?province=33")).EnumerateArray().First();
        Assert.Equal("snapshot", filing.GetProperty("kind").GetString());
        long carried, versions;
        using (var store = system.Hub.Service<HubDatabase>().Open())
        {
            // The snapshot carries each unit's current version, retired ones included (unit_push.proto).
            carried = store.Scalar<long>(null, "SELECT COUNT(*) FROM units WHERE substr(county, 1, 2) = '33' AND revision <= $to",
                ("$to", filing.GetProperty("toRevision").GetInt64()));
            versions = store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_log WHERE substr(county, 1, 2) = '33'");
        }

        Assert.True(versions > carried, $"the edits made new versions: {versions} versions of {carried} units");
        Assert.Equal(carried, filing.GetProperty("units").GetInt64());
    }
}
