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
        Assert.Equal(["admin-division/A", "ecological-redline"], together.Keys.Select(k => k[(k.LastIndexOf('|') + 1)..]).Order(StringComparer.Ordinal));
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
