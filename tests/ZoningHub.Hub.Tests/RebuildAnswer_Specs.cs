using System.Net;
using System.Text.Json;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: a rebuild answers how many counties it marked for derivation, but counted the boundary's features: a county
/// published as several features (DESIGN §3, one-map's islands) was counted once per feature.
/// </summary>
public sealed class When_an_operator_asks_for_a_rebuild
{
    [Fact]
    public async Task Should_answer_how_many_counties_it_marked()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision,
            Upsert("A", Box(120, 30, 121, 31), ("county", "330106")), Upsert("B", Box(121.5, 30, 122, 31), ("county", "330106")),
            Upsert("C", Box(119.5, 30, 119.9, 31), ("county", "330106"))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330107", Box(122.5, 30, 123, 31))));
        await hub.SettledAsync((OneMap, 2));
        Assert.Equal(["330106", "330107"], hub.ActiveUnits().Select(u => u.County).Distinct().Order(StringComparer.Ordinal));

        var answer = await hub.PostAsync("/api/admin/rebuild");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, body.GetProperty("markedCounties").GetInt32());
    }
}
