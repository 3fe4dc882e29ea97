using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
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
public sealed class ZoningHubSystem(string root, Dictionary<string, string?> bus, Dictionary<string, string?> adapterBus, ServiceHost node, ServiceHost hub, ServiceHost? adapter)
    : IAsyncDisposable
{
    const string Credential = "test-hub-credential";

    const string OperatorCredential = "test-operator-credential";

    ServiceHost? _adapter = adapter;

    /// <summary>The one-map adapter's state folder: its outbox and what it published.</summary>
    public string AdapterStateDirectory => Path.Combine(root, "adapter");

    /// <summary>Where the hub keeps its store.</summary>
    public string HubStateDirectory => Path.Combine(root, "hub");

    /// <summary>The running one-map adapter.</summary>
    public ServiceHost Adapter => _adapter ?? throw new InvalidOperationException("The adapter is stopped.");

    public ServiceHost Node { get; } = node;

    ServiceHost? _hub = hub;

    public ServiceHost Hub => _hub ?? throw new InvalidOperationException("The hub is stopped.");

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <param name="adapterAmqp">Where the adapter connects, when not as the hub does (under its own broker user, say).</param>
    public static async Task<ZoningHubSystem> StartAsync(Uri amqp, bool withAdapter = true, Uri? adapterAmqp = null)
    {
        var root = Directory.CreateTempSubdirectory("zoninghub-e2e-").FullName;
        static Dictionary<string, string?> Bus(Uri url) => new() { ["Bus:Transport"] = "RabbitMq", ["Bus:RabbitMqUrl"] = url.ToString() };
        var (bus, adapterBus) = (Bus(amqp), Bus(adapterAmqp ?? amqp));
        var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "national", ["Node:Scope"] = "national", ["Node:HubCredential"] = Credential,
            ["Node:DataDirectory"] = Path.Combine(root, "nodes"),
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapNode().MapDefaultEndpoints());
        var hub = await StartHubHostAsync(root, bus, node);
        return new ZoningHubSystem(root, bus, adapterBus, node, hub, withAdapter ? await StartAdapterHostAsync(root, adapterBus) : null);
    }

    static Task<ServiceHost> StartHubHostAsync(string root, Dictionary<string, string?> bus, ServiceHost node) =>
        ServiceHost.StartAsync(new Dictionary<string, string?>(bus)
        {
            ["Hub:DataDirectory"] = Path.Combine(root, "hub"), ["Hub:PushCredential"] = Credential, ["Hub:OperatorCredential"] = OperatorCredential,
            ["Hub:Nodes:0:Id"] = "national", ["Hub:Nodes:0:Scope"] = "national", ["Hub:Nodes:0:Address"] = node.GrpcUrl!.ToString(),
        }, withGrpc: true, b => b.AddServiceDefaults().AddHub().AddZoningHubBus(Topology.HubPrefix, r => r.AddHubConsumers()),
            app => app.MapHub().MapDefaultEndpoints());

    /// <summary>Stops the hub; what departments publish meanwhile waits in its durable intake queue.</summary>
    public async Task StopHubAsync()
    {
        await Hub.DisposeAsync();
        _hub = null;
    }

    public async Task StartHubAsync() => _hub = await StartHubHostAsync(root, bus, Node);

    static Task<ServiceHost> StartAdapterHostAsync(string root, Dictionary<string, string?> bus)
    {
        var section = AdapterExtensions.Section("natural-resources");
        return ServiceHost.StartAsync(new Dictionary<string, string?>(bus)
        {
            [$"{section}:InboxDirectory"] = Path.Combine(root, "inbox"),
            [$"{section}:StateDirectory"] = Path.Combine(root, "adapter"),
            [$"{section}:PollInterval"] = "00:00:00.200",
            [$"{section}:StableAfter"] = "00:00:00.200",
        }, withGrpc: false, b => b.AddServiceDefaults().AddDepartmentAdapter(NativeSchemas.OneMap).AddZoningHubBus(Topology.AdapterPrefix("natural-resources"),
            r => r.AddAdapterRequests()), app => app.MapDefaultEndpoints().MapAdapterStatus());
    }

    public async Task StopAdapterAsync()
    {
        await Adapter.DisposeAsync();
        _adapter = null;
    }

    public async Task StartAdapterAsync() => _adapter = await StartAdapterHostAsync(root, adapterBus);

    /// <summary>The hub's stored features of a layer: id → source version.</summary>
    public IReadOnlyDictionary<string, string> HubFeatures(string layer)
    {
        using var connection = Hub.Service<ZoningHub.Hub.Store.HubDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, source_version FROM features WHERE layer = $l";
        command.Parameters.AddWithValue("$l", layer);
        using var reader = command.ExecuteReader();
        var features = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            features[reader.GetString(0)] = reader.GetString(1);
        }

        return features;
    }

    /// <summary>The hub's position in a stream and how many change sets it has applied there.</summary>
    public (long LastSequence, long Applied, long Held) HubStream(string stream)
    {
        using var connection = Hub.Service<ZoningHub.Hub.Store.HubDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COALESCE(MAX(last_sequence), 0) FROM streams WHERE stream = $s),
                   (SELECT COUNT(*) FROM change_sets WHERE stream = $s),
                   (SELECT COUNT(*) FROM held_change_sets WHERE stream = $s)
            """;
        command.Parameters.AddWithValue("$s", stream);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Copies a service's state folder (its files, as a backup would), the services stopped and SQLite's pools cleared.</summary>
    public static void CopyFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>Copies an export into the adapter's inbox the way a department system should: write, then rename.</summary>
    public void DropExport(string layer, string sampleFile) => DropExport(layer, Path.GetFileName(sampleFile), File.ReadAllBytes(sampleFile));

    public void DropExport(string layer, string fileName, byte[] content)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "inbox", layer)).FullName;
        var target = Path.Combine(folder, fileName);
        File.WriteAllBytes(target + ".part", content);
        File.Move(target + ".part", target, overwrite: true);
    }

    /// <summary>Sends through the hub's own bus, as a .NET department system using the contracts library would.</summary>
    public async Task SendWithMassTransitAsync<T>(string exchange, T message) where T : class
    {
        var endpoint = await Hub.Service<ISendEndpointProvider>().GetSendEndpoint(new Uri($"exchange:{exchange}"));
        await endpoint.Send(message);
    }

    /// <summary>The units the node holds: code → content hash.</summary>
    public IReadOnlyDictionary<string, string> NodeUnits() =>
        Node.Service<NodeUnitReader>().Active(null, null, null).ToDictionary(u => u.Code, u => u.ContentHash);

    /// <summary>The adapter's own status API, <c>/api/adapters</c>.</summary>
    public async Task<JsonElement> GetAdapterStatusAsync() =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(Adapter.HttpUrl, "/api/adapters"));

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(Hub.HttpUrl, path));

    /// <summary>Asks the hub with the operator credential for JSON, failing with the hub's answer unless it succeeds.</summary>
    public async Task<JsonElement> AsOperatorJsonAsync(HttpMethod method, string path)
    {
        using var response = await AsOperatorAsync(method, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asks the hub with the operator credential, as the dashboard does for its actions.</summary>
    public Task<HttpResponseMessage> AsOperatorAsync(HttpMethod method, string path) => Http.SendAsync(new HttpRequestMessage(method, new Uri(Hub.HttpUrl, path))
    {
        Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorCredential) },
    });

    public async ValueTask DisposeAsync()
    {
        foreach (var host in new[] { _adapter, _hub, Node }.OfType<ServiceHost>())
        {
            await host.DisposeAsync();
        }

        Http.Dispose();
        Directory.Delete(root, recursive: true);
    }
}
