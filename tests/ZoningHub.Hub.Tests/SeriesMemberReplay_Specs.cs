using System.Net;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A layer may span several members of a snapshot series. A member refused whole, replayed, deletes only what no member
/// of its series lists of what the stream wrote before the series (DESIGN §5: bad input loses nothing). It once deleted
/// what it alone did not list, so replaying a layer's members one after another kept only the last one's features.
/// </summary>
public sealed class When_the_members_of_a_layer_split_over_a_series_are_replayed
{
    [Fact]
    public async Task Should_keep_every_members_features_after_each_member_is_replayed()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        long[] ids;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await strict.SettledAsync((OneMap, 1));
            // The redline layer, split over the two members of a series; each is too large under the limit and refused whole.
            var series = new SnapshotSeries { First = 2, Last = 3 };
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.Redline,
                Upsert("H1", Box(120.1, 30.1, 120.2, 30.2)), Upsert("H2", Box(120.3, 30.1, 120.4, 30.2))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
            await strict.SendAsync(ChangeSet(OneMap, 3, Layers.Redline,
                Upsert("H3", Box(120.5, 30.5, 120.6, 30.6)), Upsert("H4", Box(120.7, 30.5, 120.8, 30.6))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
            await strict.SettledAsync((OneMap, 3));
            ids = [.. (await strict.GetJsonAsync("/api/quarantine")).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).Order()];
            Assert.Equal(2, ids.Length);
        }

        // The operator raises the limit and replays both entries.
        await using var hub = await HubHost.StartAsync(data.Path);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync($"/api/quarantine/{id}/replay")).StatusCode);
        }

        await hub.SettledAsync((OneMap, 3));
        Assert.Equal(["H1", "H2", "H3", "H4"], RedlinesIn(hub));
    }

    [Fact]
    public async Task Should_not_delete_the_feature_a_sibling_member_refused_when_one_member_is_replayed()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        const string Detailed = "POLYGON ((120.5 30.5, 120.55 30.5, 120.6 30.5, 120.6 30.55, 120.6 30.6, 120.55 30.6, 120.5 30.6, 120.5 30.55, 120.5 30.5))";
        long replayed;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "2"), ("Hub:Validation:MaxVerticesPerFeature", "6")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H3", Box(120.5, 30.5, 120.6, 30.6))));
            await strict.SettledAsync((OneMap, 2));
            var series = new SnapshotSeries { First = 3, Last = 4 };
            // Member #3 is refused whole (three features, the limit is two); member #4 lists H3, whose new outline is refused
            // (too many vertices): H3 keeps the version the hub holds, as the series leaves it.
            await strict.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.2, 30.2)),
                Upsert("H2", Box(120.3, 30.1, 120.4, 30.2)), Upsert("H5", Box(120.1, 30.7, 120.2, 30.8))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
            await strict.SendAsync(ChangeSet(OneMap, 4, Layers.Redline, Upsert("H3", Detailed), Upsert("H4", Box(120.7, 30.5, 120.8, 30.6)))
                with { Kind = ChangeSetKinds.Snapshot, Series = series });
            await strict.SettledAsync((OneMap, 4));
            Assert.Equal(["H3", "H4"], RedlinesIn(strict));
            replayed = (await strict.GetJsonAsync("/api/quarantine")).EnumerateArray()
                .Single(e => e.GetProperty("sequence").GetInt64() == 3).GetProperty("id").GetInt64();
        }

        // Only the feature limit is raised: member #3 is replayed; H3's outline is still refused.
        await using var hub = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxVerticesPerFeature", "6"));
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync($"/api/quarantine/{replayed}/replay")).StatusCode);
        await hub.SettledAsync((OneMap, 4));

        Assert.Equal(["H1", "H2", "H3", "H4", "H5"], RedlinesIn(hub));
    }

    static string[] RedlinesIn(HubHost hub) => [.. hub.ActiveUnits().SelectMany(u => u.Sources)
        .Where(s => s.StartsWith(Layers.Redline, StringComparison.Ordinal)).Select(s => s.Split('@')[0].Split('/')[^1]).Distinct().Order(StringComparer.Ordinal)];
}
