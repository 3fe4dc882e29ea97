using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ZoningHub.Testing;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>A department's HTTP service, served for real over loopback; each spec maps the routes it needs.</summary>
sealed class DepartmentService : IAsyncDisposable
{
    readonly WebApplication _app;

    DepartmentService(WebApplication app) => _app = app;

    /// <param name="services">What the routes need, e.g. the adapters for the status API.</param>
    public static async Task<DepartmentService> StartAsync(Action<WebApplication> routes, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreeTcpPort.Find(1)[0]}");
        services?.Invoke(builder.Services);
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return new DepartmentService(app);
    }

    /// <summary>An address on the service, e.g. <c>/collections/redline/items</c>.</summary>
    public Uri Url(string pathAndQuery) => new($"{_app.Urls.First()}{pathAndQuery}");

    public Task StopAsync() => _app.StopAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
