using System.Globalization;
using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Derivation;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Security review: an anonymous one-unit lookup, which no listing limit holds, read every version of the unit to
/// answer the last, and its history was built whole in memory, outside the limit too.
/// </summary>
public sealed class When_a_unit_has_a_long_history
{
    [Fact]
    public async Task Should_read_one_version_to_answer_the_current_one()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var code = await GeneralUnitAsync(hub);
        var (first, firstBytes) = await MeasureAsync(hub, $"/api/units/{code}");

        const int Versions = 40;
        await EditAsync(hub, Versions);

        var (later, laterBytes) = await MeasureAsync(hub, $"/api/units/{code}");
        Assert.True(later < 3 * first,
            $"GET /api/units/{code} ({laterBytes:N0}-byte answer) allocated {later:N0} bytes after {Versions} more versions, {first:N0} ({firstBytes:N0}-byte answer) at version 1");
    }

    [Fact]
    public async Task Should_hold_its_history_to_the_listings_limit()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path, ("Limits:GeoJson:Concurrent", "1"), ("Limits:GeoJson:Queued", "0"));
        var code = await GeneralUnitAsync(hub);
        await EditAsync(hub, 10);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => hub.GetAsync($"/api/units/{code}/history")));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var whole = System.Text.Json.JsonDocument.Parse(await answers.First(a => a.IsSuccessStatusCode).Content.ReadAsStringAsync());
        Assert.Equal(hub.Service<UnitLogReader>().History(code).Select(u => u.Version), whole.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync($"/api/units/{code}")).StatusCode);
    }

    /// <summary>A county whose general-control unit is a polygon of 4,000 vertices, and that unit's code.</summary>
    static async Task<string> GeneralUnitAsync(HubHost hub)
    {
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Circle(120.5, 30.5, 0.4, 4000))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.4, 30.4, 120.45, 30.45))));
        await hub.SettledAsync((OneMap, 2));
        return Assert.Single(hub.ActiveUnits(), u => u.Type == UnitType.GeneralControl).Code;
    }

    /// <summary>Each edit of the redline is a new version of the county's general unit, of the same size.</summary>
    static async Task EditAsync(HubHost hub, int versions)
    {
        for (var i = 0; i < versions; i++)
        {
            var w = 0.01 * (i % 2);
            await hub.SendAsync(ChangeSet(OneMap, 3 + i, Layers.Redline, Upsert("H1", Box(120.4, 30.4, 120.45 + w, 30.45))));
            await hub.SettledAsync((OneMap, 3 + i));
        }
    }

    static string Circle(double x, double y, double r, int n) =>
        "POLYGON((" + string.Join(", ", Enumerable.Range(0, n + 1).Select(i => i % n).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{x + r * Math.Cos(2 * Math.PI * i / n):F6} {y + r * Math.Sin(2 * Math.PI * i / n):F6}"))) + "))";

    /// <summary>What answering <paramref name="path"/> allocated in this process (the hub's), and the answer's size.</summary>
    static async Task<(long Allocated, long Bytes)> MeasureAsync(HubHost hub, string path)
    {
        (await hub.GetAsync(path)).Dispose(); // warm
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await hub.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return (GC.GetTotalAllocatedBytes(precise: true) - before, body.Length);
    }
}
