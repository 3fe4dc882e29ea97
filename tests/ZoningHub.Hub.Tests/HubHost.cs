using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Contracts;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>The hub with its production wiring and a real SQLite store, on the in-memory bus, serving HTTP and gRPC; nodes only if the settings register some.</summary>
public sealed class HubHost(ServiceHost host) : IAsyncDisposable
{
    /// <param name="settings">Configuration over the defaults below (in-memory bus, no nodes).</param>
    public static Task<HubHost> StartAsync(string dataDirectory, params (string Key, string Value)[] settings) =>
        StartAsync(dataDirectory, _ => { }, settings);

    /// <param name="onBus">
    /// The test's own consumers and observers on the hub's bus, there from its start: what the hub publishes as it starts
    /// reaches them too.
    /// </param>
    /// <param name="settings">Configuration over the defaults below (in-memory bus, no nodes).</param>
    public static Task<HubHost> StartAsync(string dataDirectory, Action<IBusRegistrationConfigurator> onBus, params (string Key, string Value)[] settings) =>
        StartAsync(dataDirectory, onBus, _ => { }, settings);

    /// <param name="onBus">The test's own consumers and observers on the hub's bus.</param>
    /// <param name="replace">Registers services in place of the production wiring's, such as its clock.</param>
    /// <param name="settings">Configuration over the defaults below (in-memory bus, no nodes).</param>
    public static async Task<HubHost> StartAsync(string dataDirectory, Action<IBusRegistrationConfigurator> onBus, Action<IServiceCollection> replace,
        params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Hub:DataDirectory"] = dataDirectory,
            ["Hub:PushCredential"] = "test",
            ["Hub:OperatorCredential"] = OperatorCredential,
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return new(await ServiceHost.StartAsync(configuration, withGrpc: true,
            b => replace(b.AddServiceDefaults().AddHub().AddZoningHubBus(Topology.HubPrefix, r => r.AddHubConsumers(), onBus).Services),
            app => app.MapHub().MapDefaultEndpoints()));
    }

    public const string OperatorCredential = "operator-test-credential";

    public Uri HttpUrl => host.HttpUrl;

    /// <summary>Where the hub serves its gRPC read side (zoninghub.query.v1.HubQuery).</summary>
    public Uri GrpcUrl => host.GrpcUrl!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Sends to the department's exchange, as an adapter does.</summary>
    public async Task SendAsync(ChangeSetPublished changeSet)
    {
        var endpoint = await host.Service<ISendEndpointProvider>().GetSendEndpoint(new Uri($"exchange:{Topology.ChangeSetExchange(changeSet.Department)}"));
        await endpoint.Send(changeSet);
    }

    /// <summary>
    /// Sends and waits until intake has taken it. The in-memory transport keeps nothing across a restart, so a
    /// test that restarts the hub must not leave messages in flight (RabbitMQ would keep them).
    /// </summary>
    public async Task SendAndTakeAsync(ChangeSetPublished changeSet)
    {
        await SendAsync(changeSet);
        await Eventually.HoldsAsync(() => host.Service<IntakeStore>().Holds(changeSet.Stream, changeSet.Sequence),
            $"intake takes {changeSet.Stream} #{changeSet.Sequence}");
    }

    /// <summary>Waits until each stream has applied through the given sequence and derivation has caught up.</summary>
    public Task SettledAsync(params (string Stream, long Sequence)[] positions) =>
        Eventually.HoldsAsync(() =>
        {
            var streams = host.Service<StreamStore>().All().ToDictionary(s => s.Stream, s => s.LastSequence);
            return positions.All(p => streams.GetValueOrDefault(p.Stream) >= p.Sequence) && host.Service<DerivationStore>().IsDrained();
        }, $"streams reach {string.Join(", ", positions)} and derivation drains", seconds: 60);

    /// <summary>Active units by identity → content hash: what determinism is about (DESIGN §5).</summary>
    public IReadOnlyDictionary<string, string> Units() =>
        host.Service<UnitLogReader>().Active(null, null, null).ToDictionary(u => u.Identity, u => u.ContentHash);

    public IReadOnlyList<LoggedUnit> ActiveUnits() => host.Service<UnitLogReader>().Active(null, null, null);

    public long HeadRevision() => host.Service<UnitLogReader>().HeadRevision();

    public T Service<T>() where T : notnull => host.Service<T>();

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(new Uri(host.HttpUrl, path));

    /// <summary>A read, anonymous unless a <paramref name="credential"/> is given.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? credential = null) => SendAsync(HttpMethod.Get, path, credential);

    /// <summary>An operator action: posts with the operator credential, or with <paramref name="credential"/> when given.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? credential = OperatorCredential) => SendAsync(HttpMethod.Post, path, credential);

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential)
    {
        using var request = new HttpRequestMessage(method, new Uri(host.HttpUrl, path));
        if (credential is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await host.DisposeAsync();
    }
}
