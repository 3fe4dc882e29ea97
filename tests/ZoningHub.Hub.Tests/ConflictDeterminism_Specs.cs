using System.Globalization;
using ZoningHub.Contracts;
using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5 over every layer kind: four departments' streams (a county of two parts, water zones of both grades, an
/// industrial park, projects with forbidden industries, a reserve) interleaved in any order, with duplicates and a restart,
/// end in the same units and the same open conflicts, each with the same extent.
/// </summary>
public sealed class When_four_departments_change_sets_arrive_in_any_order
{
    const string Water = "water-resources.sw";
    const string Ecology = "ecology-environment.eia";

    static readonly ChangeSetPublished[] History =
    [
        ChangeSet(OneMap, 1, Layers.AdminDivision,
            Upsert("330106-a", Box(120, 30, 120.6, 31), ("county", "330106")), Upsert("330106-b", Box(120.65, 30, 121, 31), ("county", "330106")),
            County("330105", Box(121, 30, 122, 31))),
        ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.2, 30, 121.3, 30.4))),
        ChangeSet(OneMap, 3, Layers.UrbanDevelopmentBoundary, Upsert("U1", Box(120.6, 30.5, 121.4, 30.9))),
        ChangeSet(OneMap, 4, Layers.Farmland, Upsert("F1", Box(120.1, 30.3, 120.5, 30.7))),
        ChangeSet(OneMap, 5, Layers.Redline, Delete("H1"), Upsert("H3", Box(120.1, 30.05, 120.9, 30.35))),
        ChangeSet(Water, 1, Layers.DrinkingWater, Upsert("W1", Box(120.7, 30.6, 120.9, 30.8), ("grade", "1")),
            Upsert("W2", Box(121.5, 30.2, 121.7, 30.4), ("grade", "2"))),
        ChangeSet(Water, 2, Layers.DrinkingWater, Upsert("W1", Box(120.62, 30.55, 120.95, 30.85), ("grade", "1"))),
        ChangeSet(Ecology, 1, Layers.IndustrialPark, Upsert("P1", Box(120.9, 30.7, 121.3, 30.95))),
        ChangeSet(Ecology, 2, Layers.EiaProject, Upsert("E1", "POINT (120.3 30.2)", ("status", "approved"), ("industry", "C2511"))),
        ChangeSet(Ecology, 3, Layers.EiaProject, Upsert("E2", "POINT (121.6 30.3)", ("status", "approved"), ("industry", "C2611")),
            Upsert("E1", "POINT (120.35 30.25)", ("status", "approved"), ("industry", "C2511"))),
        ChangeSet(Forestry, 1, Layers.NatureReserve, Upsert("R1", Box(120, 30, 120.5, 30.5), ("zone", "core"))),
    ];

    static readonly (string, long)[] Final = [(OneMap, 5), (Water, 2), (Ecology, 3), (Forestry, 1)];

    [Fact]
    public async Task Should_end_in_identical_units_and_open_conflicts_for_many_random_orders()
    {
        var (units, conflicts) = await RunAsync(History, restartAfter: null);
        Assert.True(conflicts.Count >= 4, $"the history should open conflicts of several rules, got {string.Join(", ", conflicts.Keys)}");

        for (var seed = 1; seed <= 4; seed++)
        {
            var random = new Random(seed);
            var deliveries = History.Concat(History.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(deliveries);
            var (otherUnits, otherConflicts) = await RunAsync(deliveries, restartAfter: random.Next(1, deliveries.Length));
            Assert.Equal(units, otherUnits);
            Assert.Equal(conflicts, otherConflicts);
        }
    }

    static Task<(SortedDictionary<string, string> Units, SortedDictionary<string, string> Conflicts)> RunAsync(
        IReadOnlyList<ChangeSetPublished> deliveries, int? restartAfter) =>
        DeliveredHub.RunAsync(deliveries, restartAfter, Final, hub => (
            new SortedDictionary<string, string>(hub.Units().ToDictionary(), StringComparer.Ordinal),
            new SortedDictionary<string, string>(hub.Service<ConflictReader>().Stream(openOnly: true, null, null).ToDictionary(
                c => $"{c.Rule}|{c.FeatureA}|{c.FeatureB}|{c.County}",
                c => $"{GeoContext.ReadWkb(c.GeometryWkb).Normalized().AsText()} {c.AreaSquareMetres.ToString("F2", CultureInfo.InvariantCulture)}"), StringComparer.Ordinal)));
}
