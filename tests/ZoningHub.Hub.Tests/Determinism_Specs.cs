using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>DESIGN §5: the same source state yields the same units whatever the order, duplicates and restarts.</summary>
public sealed class When_change_sets_arrive_in_any_order
{
    /// <summary>Two departments' streams editing one county: boundaries, redlines, a reserve that moves, farmland, a park.</summary>
    static readonly ChangeSetPublished[] History =
    [
        ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)), County("330105", Box(121, 30, 122, 31))),
        ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.2, 30, 121.3, 30.4)), Upsert("H2", Box(120, 30.8, 120.3, 31))),
        ChangeSet(OneMap, 3, Layers.UrbanDevelopmentBoundary, Upsert("U1", Box(120.6, 30.5, 121.4, 30.9))),
        ChangeSet(OneMap, 4, Layers.Redline, Delete("H2"), Upsert("H3", Box(121.5, 30.1, 121.9, 30.6))),
        ChangeSet(OneMap, 5, Layers.Farmland, Upsert("F1", Box(120.1, 30.3, 120.5, 30.7))),
        ChangeSet(Forestry, 1, Layers.NatureReserve, Upsert("R1", Box(120, 30, 120.5, 30.5), ("zone", "core"))),
        ChangeSet(Forestry, 2, Layers.NaturalPark, Upsert("P1", Box(121.2, 30.2, 121.6, 30.8), ("kind", "forest-park"))),
        ChangeSet(Forestry, 3, Layers.NatureReserve, Upsert("R1", Box(120.1, 30.1, 120.6, 30.6), ("zone", "core")), Upsert("R2", Box(121.7, 30.7, 121.9, 30.9))),
    ];

    static readonly (string, long)[] Final = [(OneMap, 5), (Forestry, 3)];

    [Fact]
    public async Task Should_end_in_identical_units_for_many_random_orders_with_duplicates_and_restarts()
    {
        var expected = await RunAsync(History, restartAfter: null);
        Assert.True(expected.Count >= 8, $"the history should make a meaningful set of units, got {expected.Count}");

        for (var seed = 1; seed <= 4; seed++)
        {
            var random = new Random(seed);
            var deliveries = History.Concat(History.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(deliveries);
            Assert.Equal(expected, await RunAsync(deliveries, restartAfter: random.Next(1, deliveries.Length)));
        }
    }

    [Fact]
    public async Task Should_rebuild_exactly_the_incremental_state()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        foreach (var changeSet in History)
        {
            await hub.SendAsync(changeSet);
        }

        await hub.SettledAsync(Final);
        var (units, head) = (hub.Units(), hub.HeadRevision());

        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await hub.PostAsync("/api/admin/rebuild")).StatusCode);
        await hub.SettledAsync(Final);

        Assert.Equal(units, hub.Units());
        Assert.Equal(head, hub.HeadRevision());
    }

    static Task<SortedDictionary<string, string>> RunAsync(IReadOnlyList<ChangeSetPublished> deliveries, int? restartAfter) =>
        DeliveredHub.RunAsync(deliveries, restartAfter, Final, hub => new SortedDictionary<string, string>(hub.Units().ToDictionary(), StringComparer.Ordinal));
}
