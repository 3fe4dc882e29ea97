using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>GeoJSON listings need no credential, so how many are built at once is bounded; the status is not held up by them.</summary>
public sealed class When_many_ask_for_units_at_once
{
    [Fact]
    public async Task Should_build_as_many_at_once_as_the_limit_allows_and_refuse_the_rest_with_429()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path, ("Limits:GeoJson:Concurrent", "1"), ("Limits:GeoJson:Queued", "0"));
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 1, Layers.AdminDivision,
            [.. Enumerable.Range(0, 40).Select(i => County($"3301{i:00}", Box(120 + i * 0.1, 30, 120.1 + i * 0.1, 30.1)))]));
        await hub.SettledAsync((OneMap, 1));

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => hub.GetAsync($"/api/units?simplify=0.000{i + 1:000}")));

        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.Contains(HttpStatusCode.OK, codes);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.All(codes, code => Assert.True(code is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{code}"));
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/api/status")).StatusCode);
    }
}
