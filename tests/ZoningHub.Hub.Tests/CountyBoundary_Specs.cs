using ZoningHub.Geo;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>DESIGN §3: a county's units cover its whole boundary, which one-map may publish as several features.</summary>
public sealed class When_a_county_is_published_as_several_features
{
    [Fact]
    public async Task Should_derive_units_covering_every_part_whatever_order_they_came_in()
    {
        var mainland = Upsert("A", Box(120, 30, 121, 31), ("county", "330106"));
        var island = Upsert("B", Box(121.5, 30, 122, 31), ("county", "330106"));
        var redline = ChangeSet(OneMap, 3, Layers.Redline, Upsert("H1", Box(121.6, 30.2, 121.8, 30.4)));

        var together = await UnitsAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, mainland, island), ChangeSet(OneMap, 2, Layers.AdminDivision), redline);
        var apart = await UnitsAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, island), ChangeSet(OneMap, 2, Layers.AdminDivision, mainland), redline);

        var parts = GaussKruger.AreaSquareMetres(Read(Box(120, 30, 121, 31))) + GaussKruger.AreaSquareMetres(Read(Box(121.5, 30, 122, 31)));
        Assert.Equal(parts, together.Values.Sum(u => u.Area), parts * 1e-3); // each part measured in its own Gauss-Krüger zone
        Assert.Equal(together, apart);
        Assert.Equal(["admin-division/330106", "ecological-redline"], together.Keys.Select(k => k[(k.LastIndexOf('|') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Should_cite_every_part_in_the_countys_units()
    {
        var mainland = Upsert("A", Box(120, 30, 121, 31), ("county", "330106"));
        var island = Upsert("B", Box(121.5, 30, 122, 31), ("county", "330106"));
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, mainland, island));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(121.6, 30.2, 121.8, 30.4))));
        await hub.SettledAsync((OneMap, 2));

        Assert.All(hub.ActiveUnits(), unit => Assert.Equal([$"admin-division/A@{mainland.SourceVersion}", $"admin-division/B@{island.SourceVersion}"],
            unit.Sources.Where(s => s.StartsWith("admin-division/", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Should_keep_the_general_units_code_when_a_part_whose_id_sorts_first_is_added()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, Upsert("B", Box(120, 30, 121, 31), ("county", "330106"))));
        await hub.SettledAsync((OneMap, 1));
        var before = Assert.Single(hub.ActiveUnits());

        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, Upsert("A", Box(121.5, 30, 122, 31), ("county", "330106"))));
        await hub.SettledAsync((OneMap, 2));

        var after = Assert.Single(hub.ActiveUnits());
        Assert.Equal(before.Code, after.Code);
        Assert.Equal(before.Version + 1, after.Version);
    }

    static async Task<Dictionary<string, (string Hash, double Area)>> UnitsAsync(params ZoningHub.Contracts.ChangeSetPublished[] changeSets)
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        foreach (var changeSet in changeSets)
        {
            await hub.SendAsync(changeSet);
        }

        await hub.SettledAsync((OneMap, changeSets.Length));
        return hub.ActiveUnits().ToDictionary(u => u.Identity, u => (u.ContentHash, u.AreaSquareMetres));
    }

    static NetTopologySuite.Geometries.Geometry Read(string wkt) => new NetTopologySuite.IO.WKTReader().Read(wkt);
}
