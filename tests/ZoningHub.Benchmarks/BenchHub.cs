using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Benchmarks;

/// <summary>The hub with its production wiring and defaults on the in-memory bus or a real RabbitMQ, pushing to the given nodes.</summary>
static class BenchHub
{
    /// <param name="broker">A RabbitMQ virtual host to take change sets from; the in-memory bus when null.</param>
    public static Task<ServiceHost> StartAsync(string dataDirectory, IReadOnlyList<BenchNode> nodes, Uri? broker = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = broker is null ? "InMemory" : "RabbitMq", ["Bus:RabbitMqUrl"] = broker?.ToString(),
            ["Hub:DataDirectory"] = dataDirectory, ["Hub:PushCredential"] = BenchNode.Credential,
        };
        foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
        {
            settings[$"Hub:Nodes:{i}:Id"] = node.Id;
            settings[$"Hub:Nodes:{i}:Scope"] = node.Scope;
            settings[$"Hub:Nodes:{i}:Address"] = node.GrpcUrl.ToString();
        }

        return ServiceHost.StartAsync(settings, withGrpc: false,
            b => b.AddServiceDefaults().AddHub().AddZoningHubBus(Topology.HubPrefix, r => r.AddHubConsumers()), app => app.MapHub());
    }

    public static async Task DrainedAsync(ServiceHost hub)
    {
        var store = hub.Service<DerivationStore>();
        while (!store.IsDrained())
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until derivation has caught up and every node acknowledged the head of the log.</summary>
    public static async Task InSyncAsync(ServiceHost hub, IReadOnlyList<BenchNode> nodes, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var log = hub.Service<UnitLogReader>();
        var derivation = hub.Service<DerivationStore>();
        while (!(derivation.IsDrained() && nodes.All(n => n.Acknowledged() == log.HeadRevision())))
        {
            await Task.Delay(50, cancellation.Token);
        }
    }
}
