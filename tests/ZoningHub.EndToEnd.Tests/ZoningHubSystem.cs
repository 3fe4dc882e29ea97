using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.OneMap;
using ZoningHub.Contracts;
using ZoningHub.Hub;
using ZoningHub.Node;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// The distributed deployment in miniature: a national node, the hub and the one-map adapter, each its own
/// host with its own bus connection to a real RabbitMQ virtual host, the hub pushing over loopback gRPC.
/// </summary>
public sealed class ZoningHubSystem(string root, ServiceHost node, ServiceHost hub, ServiceHost? adapter) : IAsyncDisposable
{
    const string Credential = "test-hub-credential";

    public ServiceHost Node { get; } = node;

    public ServiceHost Hub { get; } = hub;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<ZoningHubSystem> StartAsync(Uri amqp, bool withAdapter = true)
    {
        var root = Directory.CreateTempSubdirectory("zoninghub-e2e-").FullName;
        var bus = new Dictionary<string, string?> { ["Bus:Transport"] = "RabbitMq", ["Bus:RabbitMqUrl"] = amqp.ToString() };
        var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "national", ["Node:Scope"] = "national", ["Node:HubCredential"] = Credential,
            ["Node:DataDirectory"] = Path.Combine(root, "nodes"),
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapNode().MapDefaultEndpoints());
        var hub = await ServiceHost.StartAsync(new Dictionary<string, string?>(bus)
        {
            ["Hub:DataDirectory"] = Path.Combine(root, "hub"), ["Hub:PushCredential"] = Credential,
            ["Hub:Nodes:0:Id"] = "national", ["Hub:Nodes:0:Scope"] = "national", ["Hub:Nodes:0:Address"] = node.GrpcUrl!.ToString(),
        }, withGrpc: true, b => b.AddServiceDefaults().AddHub().AddZoningHubBus(Topology.HubPrefix, r => r.AddHubConsumers()),
            app => app.MapHub().MapDefaultEndpoints());
        ServiceHost? adapter = null;
        if (withAdapter)
        {
            adapter = await ServiceHost.StartAsync(new Dictionary<string, string?>(bus)
            {
                [$"{OneMapAdapter.Section}:InboxDirectory"] = Path.Combine(root, "inbox"),
                [$"{OneMapAdapter.Section}:StateDirectory"] = Path.Combine(root, "adapter"),
                [$"{OneMapAdapter.Section}:PollInterval"] = "00:00:00.200",
                [$"{OneMapAdapter.Section}:StableAfter"] = "00:00:00.200",
            }, withGrpc: false, b => b.AddServiceDefaults().AddOneMapAdapter().AddZoningHubBus(Topology.AdapterPrefix(OneMapAdapter.Department),
                r => r.AddAdapterConsumers(OneMapAdapter.Department)), app => app.MapDefaultEndpoints());
        }

        return new ZoningHubSystem(root, node, hub, adapter);
    }

    /// <summary>Copies an export into the adapter's inbox the way a department system should: write, then rename.</summary>
    public void DropExport(string layer, string sampleFile)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "inbox", layer)).FullName;
        var target = Path.Combine(folder, Path.GetFileName(sampleFile));
        File.Copy(sampleFile, target + ".part");
        File.Move(target + ".part", target);
    }

    /// <summary>Sends through the hub's own bus, as a .NET department system using the contracts library would.</summary>
    public async Task SendWithMassTransitAsync<T>(string exchange, T message) where T : class
    {
        var endpoint = await Hub.Service<ISendEndpointProvider>().GetSendEndpoint(new Uri($"exchange:{exchange}"));
        await endpoint.Send(message);
    }

    /// <summary>The units the node holds: code → content hash.</summary>
    public IReadOnlyDictionary<string, string> NodeUnits() =>
        Node.Service<NodeUnitStore>().Active().ToDictionary(u => u.Code, u => u.ContentHash);

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(Hub.HttpUrl, path));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { adapter, Hub, Node }.OfType<ServiceHost>())
        {
            await host.DisposeAsync();
        }

        Http.Dispose();
        Directory.Delete(root, recursive: true);
    }
}
