using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A county whose units cannot be stored is that county's failure, shown to operators, while the counties
/// derived beside it are committed: one county must never stop derivation for the whole hub.
/// </summary>
public sealed class When_a_county_cannot_be_stored
{
    [Fact]
    public async Task Should_list_it_as_failed_commit_the_others_and_derive_it_once_repaired()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using (var store = hub.Service<HubDatabase>().Open())
        {
            // A damaged registry: the code its first priority unit would get is taken, under no serial.
            store.Execute(null, "INSERT INTO unit_registry (identity, code, county, type, serial) VALUES ('damaged', 'ZH33010610001', '330106', 1, 0)");
        }

        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)), County("330107", Box(121, 30, 122, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3)), Upsert("H2", Box(121.1, 30.1, 121.3, 30.3))));
        await hub.SettledAsync((OneMap, 2));

        Assert.Equal(["330107", "330107"], hub.ActiveUnits().Select(u => u.County));
        var failure = Assert.Single((await hub.GetJsonAsync("/api/status")).GetProperty("derivationFailures").EnumerateArray());
        Assert.Equal("330106", failure.GetProperty("county").GetString());
        Assert.Contains("UNIQUE constraint failed: unit_registry.code", failure.GetProperty("error").GetString(), StringComparison.Ordinal);

        using (var store = hub.Service<HubDatabase>().Open())
        {
            store.Execute(null, "DELETE FROM unit_registry WHERE identity = 'damaged'");
        }

        Assert.Equal(HttpStatusCode.Accepted, (await hub.PostAsync("/api/admin/rebuild")).StatusCode);
        await hub.SettledAsync((OneMap, 2));
        Assert.Equal(["330106", "330106", "330107", "330107"], hub.ActiveUnits().Select(u => u.County).Order());
        Assert.Equal(0, (await hub.GetJsonAsync("/api/status")).GetProperty("derivationFailures").GetArrayLength());
    }
}

/// <summary>
/// A county whose derivation fails with an error of any kind (here its boundary's stored geometry is unreadable) is that
/// county's failure: the counties marked with it are derived and committed.
/// </summary>
public sealed class When_a_countys_derivation_fails_unforeseen
{
    [Fact]
    public async Task Should_list_it_as_failed_and_derive_the_others()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)), County("330107", Box(121, 30, 122, 31))));
        await hub.SettledAsync((OneMap, 1));
        using (var store = hub.Service<HubDatabase>().Open())
        {
            // Damaged on disk: WKB that says it is a polygon of a billion rings.
            store.Execute(null, "UPDATE features SET geometry = X'0103000000FFFFFF3F' WHERE layer = $l AND id = '330106'", ("$l", Layers.AdminDivision));
        }

        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3)), Upsert("H2", Box(121.1, 30.1, 121.3, 30.3))));
        await hub.SettledAsync((OneMap, 2));

        Assert.Equal(["330107", "330107"], hub.ActiveUnits().Where(u => u.Revision > 2).Select(u => u.County));
        var failure = Assert.Single((await hub.GetJsonAsync("/api/status")).GetProperty("derivationFailures").EnumerateArray());
        Assert.Equal("330106", failure.GetProperty("county").GetString());
    }
}
