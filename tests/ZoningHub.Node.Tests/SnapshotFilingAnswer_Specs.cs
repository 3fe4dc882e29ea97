using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// Review: the hub files a national snapshot as one (every unit it carried, once) only when the node's answer to the
/// snapshot's completion reaches it. When that answer is lost (its deadline passes, the link drops, the hub restarts), the
/// node has taken the snapshot all the same, and the next round finds it at the snapshot's revision and files that as a
/// log push from the hub's last record: a new national node's snapshot is filed as kind "log", counting every version the
/// log holds of each unit, superseded ones included.
/// </summary>
public sealed class When_the_answer_to_a_national_snapshots_completion_is_lost
{
    [Fact]
    public async Task Should_still_file_it_as_the_snapshot_it_was()
    {
        await using var system = await PushedSystem.StartAsync();
        var national = system.National;
        await national.StopAsync();
        if (Directory.Exists(Path.Combine(system.DataPath, "nodes", "national")))
        {
            national.DeleteStore(); // a new national node, however far it got with the empty hub
        }
        foreach (var changeSet in ProvinceWorld.Initial())
        {
            await system.SendAsync(changeSet);
        }

        for (var n = 1; n <= 3; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "33"));
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 3));
        // Answered after the hub's deadline (Hub:PushDeadline, 5 s here) for the completion.
        national.CompletionDelay = TimeSpan.FromSeconds(7);
        await national.StartAsync();
        await system.AllVerifiedAsync();
        Assert.Single(national.SnapshotsTaken());

        var filing = (await system.Hub.GetJsonAsync("/api/filings?province=33")).EnumerateArray().Last();
        long carried, versions;
        using (var store = system.Hub.Service<HubDatabase>().Open())
        {
            carried = store.Scalar<long>(null, "SELECT COUNT(*) FROM units WHERE substr(county, 1, 2) = '33' AND revision <= $to",
                ("$to", filing.GetProperty("toRevision").GetInt64()));
            versions = store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_log WHERE substr(county, 1, 2) = '33'");
        }

        Assert.True(versions > carried, $"the edits made new versions: {versions} versions of {carried} units");
        Assert.True(filing.GetProperty("kind").GetString() == "snapshot" && filing.GetProperty("units").GetInt64() == carried,
            $"the national node took province 33 by one snapshot of {carried} units; its first filing: {filing}");
    }
}
