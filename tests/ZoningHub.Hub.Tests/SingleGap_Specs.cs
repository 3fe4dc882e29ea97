using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5: on a gap the hub holds what came early and asks the adapter to resend. The commonest gap is one change set
/// lost or delayed: it is a gap to ask for as much as a longer one, and the gap ends before the first one held.
/// </summary>
public sealed class When_one_change_set_of_a_stream_is_missing
{
    [Fact]
    public async Task Should_report_that_one_number_as_the_gap()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await Eventually.HoldsAsync(() => hub.Service<IntakeStore>().Holds(OneMap, 3), "intake holds #3 until #2 comes");

        Assert.Equal([new StreamGap(OneMap, 2, 2)], hub.Service<IntakeStore>().Gaps(TimeSpan.Zero));
    }
}

/// <summary>
/// A snapshot series of one layer (not whole-stream) replaces only its layer, so it cannot stand for change sets of
/// other layers numbered before it: after a gap it waits until the gap closes (contracts §3), then is applied whole.
/// </summary>
public sealed class When_a_layer_snapshot_series_comes_after_a_gap
{
    [Fact]
    public async Task Should_hold_it_until_the_missing_change_set_comes_then_apply_both()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));

        var series = new ZoningHub.Contracts.SnapshotSeries { First = 3, Last = 4 };
        foreach (var sequence in new[] { 3L, 4L })
        {
            await hub.SendAsync(ChangeSet(OneMap, sequence, Layers.Redline, Upsert($"H{sequence}", Box(120.1, 30.1, 120.3, 30.3)))
                with { Kind = ZoningHub.Contracts.ChangeSetKinds.Snapshot, Series = series });
        }

        await Eventually.HoldsAsync(() => hub.Service<IntakeStore>().Holds(OneMap, 4), "intake holds the series' last member");
        // Past the gap watcher's rounds: the complete series stays held while #2 is missing.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Equal(1, hub.Service<StreamStore>().All().Single(s => s.Stream == OneMap).LastSequence);
        Assert.True(hub.Service<IntakeStore>().Holds(OneMap, 3), "the series is held whole while #2 is missing");

        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Farmland, Upsert("F1", Box(120.5, 30.5, 120.6, 30.6))));
        await hub.SettledAsync((OneMap, 4));
    }
}
