using ZoningHub.Hub.Core;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>A conflict that closes and opens again is listed once per period by status=all, each its own feature.</summary>
public sealed class When_a_conflict_reopens
{
    [Fact]
    public async Task Should_list_each_period_as_a_feature_of_its_own_id_naming_the_conflict()
    {
        using var data = new ZoningHub.Testing.TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.4, 30.4, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 3));
        // The farmland moves off the redline, closing the conflict, and back, opening it again.
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.Farmland, Upsert("F1", Box(120.6, 30.6, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 4));
        await hub.SendAsync(ChangeSet(OneMap, 5, Layers.Farmland, Upsert("F1", Box(120.4, 30.4, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 5));

        var features = (await hub.GetJsonAsync("/api/conflicts?status=all")).GetProperty("features").EnumerateArray()
            .Select(f => (Id: f.GetProperty("id").GetString()!, Conflict: f.GetProperty("properties").GetProperty("conflictId").GetString()!,
                Opened: f.GetProperty("properties").GetProperty("openedRevision").GetInt64(), Status: f.GetProperty("properties").GetProperty("status").GetString()))
            .ToList();

        Assert.Equal(["resolved", "open"], features.OrderBy(f => f.Opened).Select(f => f.Status));
        Assert.Single(features.Select(f => f.Conflict).Distinct());
        Assert.All(features, f => Assert.Equal($"{f.Conflict}@{f.Opened}", f.Id));
        Assert.Equal(features.Count, features.Select(f => f.Id).Distinct().Count());
    }
}
