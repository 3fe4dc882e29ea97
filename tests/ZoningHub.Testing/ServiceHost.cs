using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ZoningHub.Testing;

/// <summary>One service running in the test process with its production wiring and its own loopback ports.</summary>
public sealed class ServiceHost(WebApplication app, Uri httpUrl, Uri? grpcUrl) : IAsyncDisposable
{
    public Uri HttpUrl { get; } = httpUrl;

    public Uri? GrpcUrl { get; } = grpcUrl;

    public T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    /// <param name="ports">The HTTP and gRPC ports, for a service restarted where its peers expect it; free ones when null.</param>
    public static async Task<ServiceHost> StartAsync(IDictionary<string, string?> settings, bool withGrpc,
        Action<WebApplicationBuilder> configure, Action<WebApplication> map, IReadOnlyList<int>? ports = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings, withGrpc, configure, map, ports ?? FreeTcpPort.Find(2));
            }
            // A port found free can be taken before the host binds it (as the local port of one of the test process's
            // own outgoing connections): other free ports then, unless the caller named these.
            catch (IOException e) when (ports is null && attempt < 3 && e.InnerException is AddressInUseException)
            {
            }
        }
    }

    static async Task<ServiceHost> StartOnceAsync(IDictionary<string, string?> settings, bool withGrpc,
        Action<WebApplicationBuilder> configure, Action<WebApplication> map, IReadOnlyList<int> ports)
    {
        var http = new Uri($"http://127.0.0.1:{ports[0]}");
        var grpc = withGrpc ? new Uri($"http://127.0.0.1:{ports[1]}") : null;
        // The content root is the executable's folder, as in production (ServiceBuilder): the default, the working
        // directory, had every host watch for settings changes over the whole tree it was started in (a repository's
        // thousands of folders walked at each start, on the processors a benchmark was timing).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        var all = new Dictionary<string, string?>(settings)
        {
            ["Kestrel:Endpoints:Http:Url"] = http.ToString(),
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (grpc is not null)
        {
            all["Kestrel:Endpoints:Grpc:Url"] = grpc.ToString();
            all["Kestrel:Endpoints:Grpc:Protocols"] = "Http2";
        }

        // Only what the test says: referenced services' appsettings.json files land in the test's output folder
        // and would otherwise leak their ports and node registrations into every host.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(all);
        configure(builder);
        // A call that fails past every interceptor answers UNKNOWN "Exception was thrown by handler." and nothing more; in a
        // spec that fails so, rarely and under load (EncodedUnits_Specs once in CI), the answer names the exception instead.
        builder.Services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc => grpc.EnableDetailedErrors = true);
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ServiceHost(app, http, grpc);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
