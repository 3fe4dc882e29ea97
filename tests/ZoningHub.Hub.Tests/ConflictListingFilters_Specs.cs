using ZoningHub.Testing;
using ZoningHub.Hub.Core;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// /api/conflicts by province and by county, open and all periods: the filters are written into the statement only
/// when given, the area as a range of county codes (ConflictReader), so each must still take exactly its own.
/// </summary>
public sealed class When_conflicts_are_listed_by_area
{
    [Fact]
    public async Task Should_list_each_areas_conflicts_and_no_others()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        // Farmland over a redline in three counties: two of province 33, one of 34; the last one's is then resolved.
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision,
            County("330106", Box(120, 30, 121, 31)), County("330110", Box(121, 30, 122, 31)), County("340802", Box(117, 30, 118, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline,
            Upsert("H1", Box(120, 30, 120.5, 30.5)), Upsert("H2", Box(121, 30, 121.5, 30.5)), Upsert("H3", Box(117, 30, 117.5, 30.5))));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland,
            Upsert("F1", Box(120.4, 30.4, 120.8, 30.8)), Upsert("F2", Box(121.4, 30.4, 121.8, 30.8)), Upsert("F3", Box(117.4, 30.4, 117.8, 30.8))));
        await hub.SettledAsync((OneMap, 3));
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.Farmland, Upsert("F3", Box(117.6, 30.6, 117.8, 30.8))));
        await hub.SettledAsync((OneMap, 4));

        async Task<string[]> Counties(string query) =>
            [.. (await hub.GetJsonAsync($"/api/conflicts{query}")).GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("county").GetString()!).Order(StringComparer.Ordinal)];

        Assert.Equal(["330106", "330110"], await Counties(""));
        Assert.Equal(["330106", "330110"], await Counties("?province=33"));
        Assert.Empty(await Counties("?province=34"));
        Assert.Equal(["340802"], await Counties("?province=34&status=all"));
        Assert.Equal(["330110"], await Counties("?county=330110"));
        Assert.Equal(["330110"], await Counties("?province=33&county=330110"));
        Assert.Empty(await Counties("?county=330107"));
        Assert.Equal(["330106", "330110", "340802"], await Counties("?status=all"));
    }
}
