using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Standalone;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// The README's embedded run, built by the same <see cref="EmbeddedRun"/> from the same appsettings.json, with its
/// ports and folders moved aside for a test (free ports, a temporary data folder) and no generated samples:
/// the test drops its own exports into the adapters' inboxes.
/// </summary>
public sealed class EmbeddedSystem : IAsyncDisposable
{
    public const string OperatorCredential = "dashboard-test-operator";

    readonly TemporaryDirectory _data;
    readonly WebApplication _app;

    EmbeddedSystem(TemporaryDirectory data, WebApplication app, Uri url, IReadOnlyList<Uri> nodeUrls)
    {
        (_data, _app, Url, NodeUrls) = (data, app, url, nodeUrls);
    }

    public Uri Url { get; }

    /// <summary>The embedded nodes' HTTP addresses, in the order of appsettings.json (national, 33, 34).</summary>
    public IReadOnlyList<Uri> NodeUrls { get; }

    /// <summary>The host's services: the run's telemetry pipeline, and the embedded nodes.</summary>
    public IServiceProvider Services => _app.Services;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static async Task<EmbeddedSystem> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var data = new TemporaryDirectory("zoninghub-dashboard-");
            var settings = Settings(data.Path, FreeTcpPort.Find(8));
            settings["Hub:OperatorCredential"] = OperatorCredential;
            settings["Hub:DigestInterval"] = "00:00:01";
            var app = Build(settings);
            try
            {
                await app.StartAsync();
                return new EmbeddedSystem(data, app, new Uri(settings["Kestrel:Endpoints:Http:Url"]!),
                    [.. Enumerable.Range(0, 3).Select(i => new Uri(settings[$"Embedded:Nodes:{i}:HttpUrl"]!))]);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && attempt < 3)
            {
                // A port found free was taken by a spec running beside this one before the run bound it: other ports.
                await app.DisposeAsync();
                data.Dispose();
            }
        }
    }

    /// <summary>
    /// The run's settings for a test: its folders under <paramref name="data"/>, and its addresses on loopback, the first
    /// eight of <paramref name="ports"/> (hub HTTP, hub gRPC, then each node's HTTP and gRPC), the three nodes of
    /// appsettings.json (national, 33, 34) keeping their ids and scopes.
    /// </summary>
    public static Dictionary<string, string?> Settings(string data, IReadOnlyList<int> ports)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{ports[0]}/",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{ports[1]}",
            ["Hub:DataDirectory"] = Path.Combine(data, "hub"),
            ["Embedded:SeedSamples"] = "false",
            ["Embedded:NodeDataDirectory"] = Path.Combine(data, "nodes"),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < 3; i++)
        {
            settings[$"Embedded:Nodes:{i}:HttpUrl"] = $"http://127.0.0.1:{ports[2 + 2 * i]}";
            settings[$"Embedded:Nodes:{i}:GrpcUrl"] = $"http://127.0.0.1:{ports[3 + 2 * i]}";
        }

        foreach (var department in NativeSchemas.All.Keys)
        {
            settings[$"Adapters:{department}:InboxDirectory"] = Path.Combine(data, "inbox", department);
            settings[$"Adapters:{department}:StateDirectory"] = Path.Combine(data, "adapters", department);
        }

        return settings;
    }

    /// <summary>The embedded run as the README's command builds it, from its own appsettings.json with <paramref name="settings"/> over it.</summary>
    /// <param name="more">Further configuration sources, after the settings.</param>
    public static WebApplication Build(IDictionary<string, string?> settings, Action<IConfigurationBuilder>? more = null) =>
        EmbeddedRun.Build([], configuration =>
        {
            // Only the embedded run's own settings: the test's output folder also holds other services' appsettings.json.
            configuration.Sources.Clear();
            configuration.AddJsonFile(Path.Combine(RepositoryRoot(), "services", "ZoningHub.Standalone", "appsettings.json"), optional: false);
            configuration.AddInMemoryCollection(settings);
            more?.Invoke(configuration);
        });

    /// <summary>Writes an export into an adapter's inbox the way a department's system should: under another name, then renamed.</summary>
    public void DropExport(string department, string layer, string fileName, byte[] content)
    {
        var folder = Path.Combine(_data.Path, "inbox", department, layer);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, fileName + ".part"), content);
        File.Move(Path.Combine(folder, fileName + ".part"), Path.Combine(folder, fileName));
    }

    public async Task<JsonElement> StatusAsync() => await Http.GetFromJsonAsync<JsonElement>(new Uri(Url, "/api/status"));

    /// <summary>Every node at the head with a verified digest, by the hub's status API.</summary>
    public async Task<bool> AllNodesVerifiedAsync()
    {
        var status = await StatusAsync();
        var head = status.GetProperty("headRevision").GetInt64();
        return head > 0 && status.GetProperty("pendingCounties").GetInt64() == 0 && status.GetProperty("nodes").EnumerateArray()
            .All(n => n.GetProperty("acknowledgedRevision").GetInt64() == head && n.GetProperty("verified").GetBoolean());
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZoningHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ZoningHub.sln above {AppContext.BaseDirectory}.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
