using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>A unit's code is never reused for another unit, and no version of a code is ever written twice.</summary>
public sealed class When_a_retired_units_anchor_comes_back
{
    [Fact]
    public async Task Should_take_up_its_code_at_the_version_after_its_retirement()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await hub.SettledAsync((OneMap, 2));
        var code = Assert.Single(hub.ActiveUnits(), u => u.Sources.Any(s => s.Contains("/H1", StringComparison.Ordinal))).Code;

        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Delete("H1")));
        await hub.SettledAsync((OneMap, 3));
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await hub.SettledAsync((OneMap, 4));

        var history = hub.Service<UnitLogReader>().History(code);
        Assert.Equal([(1, false), (2, true), (3, false)], history.Select(u => (u.Version, u.Retired)));
        Assert.Equal(code, Assert.Single(hub.ActiveUnits(), u => u.Sources.Any(s => s.Contains("/H1", StringComparison.Ordinal))).Code);
    }
}

/// <summary>The hub answers one unit as the nodes do: its current version, retired or not, and a problem for an unknown code.</summary>
public sealed class When_one_unit_is_asked_for_by_its_code
{
    [Fact]
    public async Task Should_answer_its_current_version_as_a_feature_retired_or_not()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await hub.SettledAsync((OneMap, 2));
        var code = Assert.Single(hub.ActiveUnits(), u => u.Sources.Any(s => s.Contains("/H1", StringComparison.Ordinal))).Code;
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Delete("H1")));
        await hub.SettledAsync((OneMap, 3));

        var unit = await hub.GetJsonAsync($"/api/units/{code}");
        Assert.Equal(("Feature", code), (unit.GetProperty("type").GetString(), unit.GetProperty("id").GetString()));
        Assert.Equal((2, true), (unit.GetProperty("properties").GetProperty("version").GetInt32(), unit.GetProperty("properties").GetProperty("retired").GetBoolean()));

        var unknown = await hub.Http.GetAsync(new Uri(hub.HttpUrl, "/api/units/ZH33010619999"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No unit has code 'ZH33010619999'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
