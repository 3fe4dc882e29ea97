using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ZoningHub.Standalone;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// The embedded run hosts the nodes in its own process, where ActivitySources and Meters are process-wide. A
/// telemetry pipeline per node exported every span once per pipeline (four times), and each node's /metrics
/// repeated the hub's and the adapters' series. The process has one pipeline, the host's.
/// </summary>
public sealed class When_the_embedded_run_hosts_nodes_in_its_process : IAsyncLifetime
{
    EmbeddedSystem? _system;

    EmbeddedSystem System => _system!;

    public async Task InitializeAsync() => _system = await EmbeddedSystem.StartAsync();

    [Fact]
    public async Task Should_export_a_nodes_request_span_once()
    {
        // Every pipeline in the process, the host's and any a node built, with what it would give its exporters.
        var pipelines = new[] { System.Services }.Concat(System.Services.GetRequiredService<EmbeddedNodes>().NodeServices)
            .Select(services => services.GetService<TracerProvider>()).OfType<TracerProvider>()
            .Select(provider => (Provider: provider, Exported: new Exported())).ToList();
        pipelines.ForEach(p => p.Provider.AddProcessor(p.Exported));
        var node = System.NodeUrls[1];

        using var response = await System.Http.GetAsync(new Uri(node, "/api/state"));
        response.EnsureSuccessStatusCode();

        // A server span ends after its response is sent: wait for one export, then for any repeats.
        bool IsProbe(Activity s) => s.GetTagItem("url.path") as string == "/api/state" && Equals(s.GetTagItem("server.port"), node.Port);
        await Testing.Eventually.HoldsAsync(() => pipelines.Sum(p => p.Exported.Count(IsProbe)) > 0, "the node's request span is exported");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, pipelines.Sum(p => p.Exported.Count(IsProbe)));
    }

    [Fact]
    public async Task Should_serve_the_process_metrics_from_the_hosts_endpoint_only()
    {
        using var host = await System.Http.GetAsync(new Uri(System.Url, "/metrics"));
        var hostMetrics = await host.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, host.StatusCode);
        Assert.Contains("zoninghub_conflicts_open", hostMetrics, StringComparison.Ordinal);

        foreach (var node in System.NodeUrls)
        {
            using var response = await System.Http.GetAsync(new Uri(node, "/metrics"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("zoninghub_", body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    sealed class Exported : BaseProcessor<Activity>
    {
        readonly ConcurrentQueue<Activity> _spans = new();

        public override void OnEnd(Activity data)
        {
            if (data.Recorded)
            {
                _spans.Enqueue(data);
            }
        }

        public int Count(Func<Activity, bool> which) => _spans.Count(which);
    }
}
