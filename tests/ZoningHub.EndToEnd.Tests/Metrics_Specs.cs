using System.Text.Json;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>Issue 6: every service's <c>/metrics</c> is an exposition Prometheus accepts, with the hub's and adapters' own instruments in it.</summary>
[Collection(RealBroker.Name)]
public class When_Prometheus_scrapes_metrics(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_serve_the_pipeline_metrics_in_a_form_promtool_accepts_from_hub_node_and_adapter()
    {
        var virtualHost = await broker.CreateVirtualHostAsync("metrics");
        await using var system = await ZoningHubSystem.StartAsync(virtualHost);
        system.DropExport("admin-division", Samples.HangzhouCounties);
        // A change set without a sequence is quarantined, so the rejection counter has a value to show too.
        var withoutSequence = JsonSerializer.SerializeToNode(Samples.HangzhouChangeSet(), JsonSerializerOptions.Web)!.AsObject();
        withoutSequence.Remove("sequence");
        await PlainJsonPublisher.PublishAsync(virtualHost, Topology.ChangeSetExchange("natural-resources"), withoutSequence.ToJsonString());
        await Eventually.HoldsAsync(async () => system.NodeUnits().Count == Samples.HangzhouCountyCount
            && (await system.GetJsonAsync("/api/quarantine")).GetArrayLength() == 1, "the export reaches the node and the bad change set is quarantined");

        var hub = await ScrapeAsync(system, system.Hub);
        string[] hubInstruments =
        [
            "zoninghub_change_sets_received_total", "zoninghub_change_sets_applied_total", "zoninghub_change_sets_rejected_total",
            "zoninghub_units_revised_total", "zoninghub_derivation_duration_seconds_bucket", "zoninghub_node_lag_revisions{",
            "zoninghub_node_lag_seconds{", "zoninghub_conflicts_open",
        ];
        Assert.All(hubInstruments, name => Assert.Contains(name, hub, StringComparison.Ordinal));
        // Derivation is timed in seconds, with boundaries for seconds (not the SDK's 0, 5, 10 … meant for milliseconds).
        Assert.Matches(@"zoninghub_derivation_duration_seconds_bucket\{[^}]*le=""0\.01""", hub);
        var adapter = await ScrapeAsync(system, system.Adapter);
        Assert.Contains("zoninghub_adapter_outbox_depth{", adapter, StringComparison.Ordinal);
        Assert.Contains("zoninghub_adapter_change_sets_published_total{", adapter, StringComparison.Ordinal);

        var checks = new List<string>();
        foreach (var (service, exposition) in new[] { ("hub", hub), ("node", await ScrapeAsync(system, system.Node)), ("adapter", adapter) })
        {
            var (exitCode, output) = await Promtool.CheckMetricsAsync(exposition);
            if (exitCode != 0)
            {
                checks.Add($"the {service}'s /metrics: exit {exitCode}\n{output}");
            }
        }

        Assert.True(checks.Count == 0, $"promtool check metrics refused:\n{string.Join('\n', checks)}");
    }

    static Task<string> ScrapeAsync(ZoningHubSystem system, ServiceHost service) => system.Http.GetStringAsync(new Uri(service.HttpUrl, "/metrics"));
}
