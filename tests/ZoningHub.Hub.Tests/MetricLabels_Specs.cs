using System.Text.RegularExpressions;
using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>A metric label takes only the known departments, whatever a message claims: others count as "unknown".</summary>
public sealed class When_change_sets_claim_made_up_departments
{
    [Fact]
    public async Task Should_not_open_a_metric_series_per_claimed_department()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var endpoint = await hub.Service<ISendEndpointProvider>().GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange("natural-resources")}"));
        for (var i = 1; i <= 20; i++)
        {
            // Sent on the one-map department's own exchange, claiming another department each time.
            await endpoint.Send(ChangeSet(OneMap, i, Layers.Redline, Upsert($"H{i}", Box(120.1, 30.1, 120.3, 30.3))) with { Department = $"made-up-{i}" });
        }

        // Until a scrape shows all twenty received (intake counts a change set once its batch is taken).
        string metrics = "";
        await Eventually.HoldsAsync(async () => Regex.Matches(metrics = await hub.Http.GetStringAsync(new Uri(hub.HttpUrl, "/metrics")),
                "^zoninghub_change_sets_received_total\\{[^}]*\\} (\\d+)", RegexOptions.Multiline).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) >= 20,
            () => $"intake takes all twenty: {metrics}");
        var departments = Regex.Matches(metrics, "^zoninghub_change_sets_received_total\\{[^}]*department=\"([^\"]*)\"", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(departments.Count <= 5, $"{departments.Count} department series: {string.Join(", ", departments)}");
        Assert.Contains("unknown", departments);

    }
}
