using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>DESIGN §5: a snapshot when the resend does not come. A series is applied only whole; a whole-stream one closes a gap.</summary>
public sealed class When_a_whole_stream_snapshot_answers_a_gap
{
    [Fact]
    public async Task Should_wait_for_every_member_then_replace_the_layers_and_supersede_what_never_came()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        // #2 (which added H1) is lost for good; #3 arrives and is held behind the gap.
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Upsert("H2", Box(120.5, 30.5, 120.7, 30.7))));
        var series = new SnapshotSeries { First = 4, Last = 6, WholeStream = true };
        // The series's last member first, and the redline layer split over two of its change sets.
        await hub.SendAsync(ChangeSet(OneMap, 6, Layers.Redline, Upsert("H3", Box(120.1, 30.1, 120.3, 30.3))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await Eventually.HoldsAsync(() => hub.Service<IntakeStore>().Holds(OneMap, 4), "intake holds #4");
        Assert.Equal(1, Position(hub));

        await hub.SendAsync(ChangeSet(OneMap, 5, Layers.Redline, Upsert("H1", Box(120.6, 30.1, 120.9, 30.4))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await hub.SettledAsync((OneMap, 6));

        var redlines = hub.ActiveUnits().SelectMany(u => u.Sources).Where(s => s.StartsWith(Layers.Redline, StringComparison.Ordinal)).Select(s => s.Split("@")[0]).ToHashSet();
        Assert.Equal(["ecological-redline/H1", "ecological-redline/H3"], redlines.Order(StringComparer.Ordinal));
        Assert.Empty(hub.Service<IntakeStore>().Gaps(TimeSpan.Zero));
        Assert.Equal(0, (await hub.GetJsonAsync("/api/status")).GetProperty("streams")[0].GetProperty("held").GetInt32());
    }

    static long Position(HubHost hub) => hub.Service<StreamStore>().All().Single(s => s.Stream == OneMap).LastSequence;
}

/// <summary>A series whose last members never came is a gap to ask for, though nothing after them arrived to reveal it.</summary>
public sealed class When_a_snapshot_series_lacks_its_last_members
{
    [Fact]
    public async Task Should_report_them_as_a_gap()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var series = new SnapshotSeries { First = 1, Last = 3, WholeStream = true };
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await Eventually.HoldsAsync(() => hub.Service<IntakeStore>().Holds(OneMap, 1), "intake holds #1 until the series is whole");

        Assert.Equal([new StreamGap(OneMap, 2, 3)], hub.Service<IntakeStore>().Gaps(TimeSpan.Zero));
    }
}

/// <summary>A malformed series is refused, and not held as a member: the stream flows on past it.</summary>
public sealed class When_a_change_set_names_a_malformed_series
{
    [Theory]
    [InlineData(ChangeSetKinds.Delta, 1, 2)]
    [InlineData(ChangeSetKinds.Snapshot, 2, 3)]
    [InlineData(ChangeSetKinds.Snapshot, 1, 5_000)]
    public async Task Should_quarantine_it_and_take_the_next_change_set(string kind, long first, long last)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))) with { Kind = kind, Series = new SnapshotSeries { First = first, Last = last } });
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 2));

        var entry = Assert.Single((await hub.GetJsonAsync("/api/quarantine")).EnumerateArray());
        Assert.Equal(ZoningHub.Hub.Core.Intake.RejectionRules.SeriesInvalid, entry.GetProperty("reasons")[0].GetProperty("rule").GetString());
        Assert.Empty(hub.Service<IntakeStore>().Gaps(TimeSpan.Zero));
    }
}
