using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A snapshot replaces a layer with what it lists, but what the hub refuses in it is not taken as "gone": a refused
/// feature keeps the version the hub holds, as it would under a delta, and a member refused whole deletes nothing.
/// </summary>
public sealed class When_a_snapshot_carries_what_the_hub_refuses
{
    const string BowTie = "POLYGON ((120.1 30.1, 120.3 30.3, 120.3 30.1, 120.1 30.3, 120.1 30.1))";

    static readonly Func<FeatureChange>[] Redlines =
    [
        () => Upsert("H1", Box(120.1, 30.1, 120.3, 30.3)), () => Upsert("H2", Box(120.5, 30.5, 120.7, 30.7)), () => Upsert("H3", Box(120.5, 30.1, 120.7, 30.3)),
    ];

    [Fact]
    public async Task Should_keep_a_feature_refused_in_a_snapshot_as_a_delta_keeps_it()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Redlines[0](), Redlines[1]()));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Upsert("H1", BowTie)));
        await hub.SettledAsync((OneMap, 3));
        Assert.Equal(["H1", "H2"], RedlinesIn(hub));

        // Asked for a snapshot (after a gap, say), the adapter sends what it published: H1 as damaged.
        var series = new SnapshotSeries { First = 4, Last = 5, WholeStream = true };
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await hub.SendAsync(ChangeSet(OneMap, 5, Layers.Redline, Upsert("H1", BowTie), Redlines[1]()) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await hub.SettledAsync((OneMap, 5));
        Assert.Equal(["H1", "H2"], RedlinesIn(hub));

        // A lone layer snapshot the same, while what it does not list is deleted.
        await hub.SendAsync(ChangeSet(OneMap, 6, Layers.Redline, Upsert("H1", BowTie)) with { Kind = ChangeSetKinds.Snapshot });
        await hub.SettledAsync((OneMap, 6));
        Assert.Equal(["H1"], RedlinesIn(hub));
    }

    [Fact]
    public async Task Should_delete_nothing_of_a_layer_whose_snapshot_member_is_refused_whole()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "2"));
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Redlines[0](), Redlines[1]()));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Redlines[2]()));
        await hub.SettledAsync((OneMap, 3));

        // The redline member lists three features, more than this hub takes in one change set: it is refused whole.
        var series = new SnapshotSeries { First = 4, Last = 5, WholeStream = true };
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await hub.SendAsync(ChangeSet(OneMap, 5, Layers.Redline, [.. Redlines.Select(r => r())]) with { Kind = ChangeSetKinds.Snapshot, Series = series });
        await hub.SettledAsync((OneMap, 5));

        Assert.Equal(["H1", "H2", "H3"], RedlinesIn(hub));
        var refused = Assert.Single((await hub.GetJsonAsync("/api/quarantine")).EnumerateArray());
        Assert.Equal(5, refused.GetProperty("sequence").GetInt64());
    }

    static string[] RedlinesIn(HubHost hub) => [.. hub.ActiveUnits().SelectMany(u => u.Sources)
        .Where(s => s.StartsWith(Layers.Redline, StringComparison.Ordinal)).Select(s => s.Split('@')[0].Split('/')[^1]).Distinct().Order(StringComparer.Ordinal)];
}
