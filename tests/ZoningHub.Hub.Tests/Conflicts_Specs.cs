using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Conflicts;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

public sealed class When_departments_layers_disagree : IAsyncLifetime
{
    readonly string _data = Directory.CreateTempSubdirectory("zoninghub-hub-").FullName;
    HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Should_open_a_conflict_and_resolve_it_when_a_later_change_removes_the_overlap()
    {
        await _hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await _hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
        await _hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.4, 30.4, 120.8, 30.8))));
        await _hub.SettledAsync((OneMap, 3));

        var opened = (await _hub.GetJsonAsync("/api/conflicts")).GetProperty("features");
        var conflict = Assert.Single(opened.EnumerateArray()).GetProperty("properties");
        Assert.Equal(ConflictRules.DevelopmentOverlapsRedline, conflict.GetProperty("rule").GetString());
        Assert.Equal("permanent-basic-farmland/F1", conflict.GetProperty("featureA").GetString());
        Assert.Equal(1, (await _hub.GetJsonAsync("/api/status")).GetProperty("openConflicts").GetInt64());

        await _hub.SendAsync(ChangeSet(OneMap, 4, Layers.Farmland, Upsert("F1", Box(120.6, 30.6, 120.8, 30.8))));
        await _hub.SettledAsync((OneMap, 4));

        Assert.Empty((await _hub.GetJsonAsync("/api/conflicts")).GetProperty("features").EnumerateArray());
        var history = Assert.Single((await _hub.GetJsonAsync("/api/conflicts?status=all")).GetProperty("features").EnumerateArray()).GetProperty("properties");
        Assert.Equal("resolved", history.GetProperty("status").GetString());
        Assert.True(history.GetProperty("resolvedRevision").GetInt64() > history.GetProperty("openedRevision").GetInt64());
    }

    [Fact]
    public async Task Should_re_derive_units_when_a_protected_area_arrives_from_another_department()
    {
        await _hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await _hub.SettledAsync((OneMap, 1));
        var general = Assert.Single(_hub.ActiveUnits());

        await _hub.SendAsync(ChangeSet(Forestry, 1, Layers.NatureReserve, Upsert("R1", Box(120, 30, 120.5, 31), ("zone", "core"))));
        await _hub.SettledAsync((Forestry, 1));

        var units = _hub.ActiveUnits();
        Assert.Equal(2, units.Count);
        var reserve = units.Single(u => u.Identity.EndsWith("nature-reserve/R1", StringComparison.Ordinal));
        Assert.StartsWith("ZH3301061", reserve.Code, StringComparison.Ordinal);
        var shrunk = units.Single(u => u.Code == general.Code);
        Assert.Equal(2, shrunk.Version);
        Assert.Equal(general.AreaSquareMetres / 2, shrunk.AreaSquareMetres, general.AreaSquareMetres * 0.01);
        // The conflict rule sees the reserve outside any redline.
        Assert.Equal(1, (await _hub.GetJsonAsync("/api/status")).GetProperty("openConflicts").GetInt64());
    }
}
