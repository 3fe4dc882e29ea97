using System.Net;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A snapshot refused whole deletes nothing when it comes (SnapshotRefusals_Specs). Replayed after the fix, it does what
/// it would have done then: what it lists replaces the stream's layer, so what it no longer lists is deleted, unless a
/// later change set of the stream wrote it since.
/// </summary>
public sealed class When_a_refused_snapshot_is_replayed
{
    [Fact]
    public async Task Should_delete_the_features_the_snapshot_no_longer_lists()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        long id;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
            await strict.SettledAsync((OneMap, 2));
            // The department's redlines now: H1 is gone, H2 and H3 are what it holds. Refused whole (too large).
            await strict.SendAsync(ChangeSet(OneMap, 3, Layers.Redline,
                Upsert("H2", Box(120.5, 30.5, 120.7, 30.7)), Upsert("H3", Box(120.6, 30.1, 120.9, 30.4))) with { Kind = ChangeSetKinds.Snapshot });
            // Written after the snapshot: not the snapshot's to delete.
            await strict.SendAsync(ChangeSet(OneMap, 4, Layers.Redline, Upsert("H4", Box(120.1, 30.6, 120.2, 30.7))));
            await strict.SettledAsync((OneMap, 4));
            id = Assert.Single((await strict.GetJsonAsync("/api/quarantine")).EnumerateArray()).GetProperty("id").GetInt64();
        }

        // The operator raises the limit and replays the snapshot.
        await using var hub = await HubHost.StartAsync(data.Path);
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync($"/api/quarantine/{id}/replay")).StatusCode);
        await hub.SettledAsync((OneMap, 4));

        Assert.Equal(["H2", "H3", "H4"], RedlinesIn(hub));
    }

    [Fact]
    public async Task Should_delete_what_a_series_member_refused_whole_no_longer_lists()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        long id;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
            await strict.SettledAsync((OneMap, 2));
            // A whole-stream series whose redline member is refused whole: the series deletes none of the stream's redlines.
            var series = new SnapshotSeries { First = 3, Last = 4, WholeStream = true };
            await strict.SendAsync(ChangeSet(OneMap, 3, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
            await strict.SendAsync(ChangeSet(OneMap, 4, Layers.Redline,
                Upsert("H2", Box(120.5, 30.5, 120.7, 30.7)), Upsert("H3", Box(120.6, 30.1, 120.9, 30.4))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
            await strict.SettledAsync((OneMap, 4));
            Assert.Equal(["H1"], RedlinesIn(strict));
            id = Assert.Single((await strict.GetJsonAsync("/api/quarantine")).EnumerateArray()).GetProperty("id").GetInt64();
        }

        await using var hub = await HubHost.StartAsync(data.Path);
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync($"/api/quarantine/{id}/replay")).StatusCode);
        await hub.SettledAsync((OneMap, 4));

        Assert.Equal(["H2", "H3"], RedlinesIn(hub));
    }

    static string[] RedlinesIn(HubHost hub) => [.. hub.ActiveUnits().SelectMany(u => u.Sources)
        .Where(s => s.StartsWith(Layers.Redline, StringComparison.Ordinal)).Select(s => s.Split('@')[0].Split('/')[^1]).Distinct().Order(StringComparer.Ordinal)];
}
