using System.Net;
using System.Text.RegularExpressions;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of the hub's gauges (node lag in revisions and seconds, open conflicts): each is read from the store at every
/// scrape. Once the store cannot be read, should <c>/metrics</c> keep showing the last values it read, as if they were
/// current? Then an alert on node lag stays quiet while the hub knows nothing of its nodes. A gauge it cannot read is
/// left out, so Prometheus marks the series stale and <c>absent()</c> can tell.
/// </summary>
public sealed class When_the_hubs_store_cannot_be_read_at_a_scrape
{
    [Fact]
    public async Task Should_not_export_the_last_gauges_read_as_current()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        // A node that never answers: its lag only grows.
        await using var hub = await HubHost.StartAsync(data.Path, ("Hub:Nodes:0:Id", "national"), ("Hub:Nodes:0:Scope", "national"),
            ("Hub:Nodes:0:Address", "http://127.0.0.1:9"), ("Hub:PushCredential", "stale-gauges"));
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        var before = await hub.Http.GetStringAsync(new Uri(hub.HttpUrl, "/metrics"));
        Assert.Matches(Lag, before);

        // Damaged in place, as in When_the_hubs_store_becomes_unreadable: every read of the store fails.
        var garbage = new byte[64 * 1024];
        new Random(1).NextBytes(garbage);
        foreach (var file in Directory.GetFiles(data.Path, "hub.db*"))
        {
            File.WriteAllBytes(file, garbage);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, (await hub.GetAsync("/api/status")).StatusCode);
        // The exporter answers scrapes within 300 ms of the last from the same response (its scrape cache), so a scrape
        // taken at once after the damage showed the values read before it: the wait is past that cache, not a guess.
        await Task.Delay(1000);
        var after = await hub.Http.GetStringAsync(new Uri(hub.HttpUrl, "/metrics"));
        var stale = Lag.Matches(after).Select(m => m.Value).ToList();
        Assert.True(stale.Count == 0, $"with the store unreadable /metrics still says: {string.Join(" | ", stale)}");
    }

    static readonly Regex Lag = new(@"^zoninghub_(node_lag_revisions|node_lag_seconds|conflicts_open)(\{[^}]*\})? \S+", RegexOptions.Multiline);
}
