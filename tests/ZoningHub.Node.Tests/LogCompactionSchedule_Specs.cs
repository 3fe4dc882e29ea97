using ZoningHub.Contracts;
using ZoningHub.Hub.Store;
using ZoningHub.Hub.Tests;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The hub compacts its unit log on its own when Hub:CompactLogKeep is set, where only an operator's request did, and
/// a node that acknowledged less than the compacted log holds is brought up by snapshot as after a request.
/// </summary>
public sealed class When_the_hub_compacts_its_log_on_a_schedule
{
    [Fact]
    public async Task Should_drop_superseded_versions_and_bring_a_node_behind_up_by_snapshot()
    {
        await using var system = await PushedSystem.StartAsync(hubSettings: [("Hub:CompactLogKeep", "0"), ("Hub:CompactLogInterval", "00:00:01")]);
        await system.LoadAsync();
        var anhui = system.Province("34");
        var first = Assert.Single(anhui.SnapshotsTaken());
        await anhui.StopAsync();
        await EditAnhuiAsync(system);

        // Kept: no revision of superseded history, so every unit keeps its current version alone (the floor is the head
        // revision, which may be past the last unit version: conflicts take revisions too).
        await Eventually.HoldsAsync(() => Log(system) is var log && log.Floor >= log.LastLogged && log.Entries == log.Units,
            () => $"the log is compacted to the head within a tick: {Log(system)}");

        await When_a_node_drifts_from_the_hub.StartBehindTheLogAsync(system, anhui, first);
    }

    [Fact]
    public async Task Should_keep_the_whole_log_when_no_retention_is_set()
    {
        await using var system = await PushedSystem.StartAsync(hubSettings: [("Hub:CompactLogInterval", "00:00:01")]);
        await system.LoadAsync();
        await EditAnhuiAsync(system);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var log = Log(system);
        Assert.Equal(0, log.Floor);
        Assert.True(log.Entries > log.Units, $"superseded versions are kept: {log}");
    }

    [Fact]
    public async Task Should_refuse_to_start_with_a_negative_retention_naming_the_setting()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            HubHost.StartAsync(data.Path, ("Hub:CompactLogKeep", "-1")));

        Assert.Contains("CompactLogKeep", refused.Message, StringComparison.Ordinal);
    }

    static async Task EditAnhuiAsync(PushedSystem system)
    {
        for (var n = 1; n <= 6; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "34"));
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 6));
    }

    static (long Floor, long LastLogged, long Entries, long Units) Log(PushedSystem system)
    {
        using var store = system.Hub.Service<HubDatabase>().Open();
        return (store.Scalar<long>(null, "SELECT floor_revision FROM log_identity WHERE id = 1"),
            store.Scalar<long>(null, "SELECT COALESCE(MAX(revision), 0) FROM unit_log"),
            store.Scalar<long>(null, "SELECT COUNT(*) FROM unit_log"),
            store.Scalar<long>(null, "SELECT COUNT(DISTINCT code) FROM unit_log"));
    }
}
