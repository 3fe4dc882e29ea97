using System.Net;
using System.Text.Json;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>A province's units can be megabytes: a client reads them a page at a time by following the next links.</summary>
public sealed class When_a_client_pages_through_the_units
{
    [Fact]
    public async Task Should_give_every_unit_once_in_code_order_a_page_at_a_time()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 1, Layers.AdminDivision,
            [.. Enumerable.Range(0, 40).Select(i => County($"3301{i:00}", Box(120 + i * 0.1, 30, 120.1 + i * 0.1, 30.1)))]));
        await hub.SettledAsync((OneMap, 1));
        var whole = Ids(await Json(hub, "/api/units?province=33"));
        Assert.Equal(40, whole.Count);

        var (paged, sizes, next) = (new List<string>(), new List<int>(), "/api/units?province=33&limit=15");
        while (next is not null)
        {
            var page = await Json(hub, next);
            paged.AddRange(Ids(page));
            sizes.Add(page.GetProperty("numberReturned").GetInt32());
            next = page.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()).SingleOrDefault();
            Assert.True(sizes.Count <= 3, "the links end");
        }

        Assert.Equal([15, 15, 10], sizes);
        Assert.Equal(whole, paged);
        Assert.Equal(whole.Order(StringComparer.Ordinal), whole);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.GetAsync("/api/units?limit=0")).StatusCode);
    }

    static async Task<JsonElement> Json(HubHost hub, string path)
    {
        // A next link is relative to the page it is on: the hub's own path and query.
        Assert.StartsWith("/api/units?", path, StringComparison.Ordinal);
        var response = await hub.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    static List<string> Ids(JsonElement collection) =>
        [.. collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!)];
}
