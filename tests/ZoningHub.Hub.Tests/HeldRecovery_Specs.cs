using System.Text.Json;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5, no change set lost: a held change set whose predecessor committed just before the process died
/// has nothing left to wake it (its broker message was acknowledged when it was held). The hub applies it on start.
/// </summary>
public sealed class When_the_hub_died_between_a_predecessor_and_its_held_run
{
    [Fact]
    public async Task Should_apply_the_held_run_when_it_starts_again()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var first = ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)));
        var second = ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.2, 30.2, 120.6, 30.6)));
        var third = ChangeSet(OneMap, 3, Layers.Redline, Upsert("H2", Box(120.7, 30.2, 120.9, 30.4)));
        await using (var dying = await HubHost.StartAsync(data.Path))
        {
            // The store's own steps, without the intake around them: hold #2 and #3, then commit #1 and stop there.
            var store = dying.Service<IntakeStore>();
            Assert.All(store.ApplyAll([Item(second), Item(third)]), o => Assert.Equal(IntakeDisposition.Held, o.Disposition));
            Assert.Equal(IntakeDisposition.Applied, store.ApplyAll([Item(first)])[0].Disposition);
        }

        await using var restarted = await HubHost.StartAsync(data.Path);
        await restarted.SettledAsync((OneMap, 3));

        Assert.Empty(restarted.Service<IntakeStore>().Gaps(TimeSpan.Zero));
        Assert.Equal(0, (await restarted.GetJsonAsync("/api/status")).GetProperty("streams")[0].GetProperty("held").GetInt32());
        // Both held redlines reached derivation.
        var sources = restarted.ActiveUnits().Where(u => u.Type == UnitType.PriorityProtection).SelectMany(u => u.Sources).ToList();
        Assert.Contains(sources, s => s.Contains("H1", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Contains("H2", StringComparison.Ordinal));
    }

    static IntakeItem Item(ChangeSetPublished changeSet) =>
        new(changeSet, ChangeSetValidator.Validate(changeSet), ChangeSetFingerprint.Of(changeSet),
            JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web));
}

/// <summary>
/// The same for a whole-stream snapshot series that answers a gap: all its members were held when the process died,
/// none of them next in the stream (the numbers before the series never came). The hub applies it on start.
/// </summary>
public sealed class When_the_hub_died_with_a_complete_series_held_after_a_gap
{
    [Fact]
    public async Task Should_apply_the_series_when_it_starts_again()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await HoldSeriesAfterGapAndDieAsync(data.Path);

        await using var restarted = await HubHost.StartAsync(data.Path);
        await restarted.SettledAsync((OneMap, 4));

        Assert.Empty(restarted.Service<IntakeStore>().Gaps(TimeSpan.Zero));
        Assert.Contains(restarted.ActiveUnits().SelectMany(u => u.Sources), s => s.Contains("H1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_apply_a_series_held_by_a_hub_that_kept_no_series_starts()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await HoldSeriesAfterGapAndDieAsync(data.Path);
        // The store as a hub before these columns left it: the series' start is only in the held bodies.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "hub.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE held_change_sets DROP COLUMN series_first; ALTER TABLE held_change_sets DROP COLUMN whole_stream;";
            command.ExecuteNonQuery();
        }

        await using var restarted = await HubHost.StartAsync(data.Path);
        await restarted.SettledAsync((OneMap, 4));
    }

    static async Task HoldSeriesAfterGapAndDieAsync(string data)
    {
        var series = new SnapshotSeries { First = 3, Last = 4, WholeStream = true };
        await using var dying = await HubHost.StartAsync(data);
        var store = dying.Service<IntakeStore>();
        Assert.Equal(IntakeDisposition.Applied, store.ApplyAll([Item(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))))])[0].Disposition);
        // #2 is lost for good; the series that answers it is all in the hold, and the process dies before applying it.
        Assert.All(store.ApplyAll(
            [
                Item(ChangeSet(OneMap, 3, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))) with { Kind = ChangeSetKinds.Snapshot, Series = series }),
                Item(ChangeSet(OneMap, 4, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))) with { Kind = ChangeSetKinds.Snapshot, Series = series }),
            ]), o => Assert.Equal(IntakeDisposition.Held, o.Disposition));
    }

    static IntakeItem Item(ChangeSetPublished changeSet) =>
        new(changeSet, ChangeSetValidator.Validate(changeSet), ChangeSetFingerprint.Of(changeSet),
            JsonSerializer.Serialize(changeSet, JsonSerializerOptions.Web));
}
