using Microsoft.Extensions.Logging;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// MassTransit keeps its log context in the async flow and makes a bus with the one it finds there. A host built in a
/// flow where an earlier host had left its own (the specs build many hosts in one process) made its bus with that
/// host's logger factory, disposed with it, and failed to start (ObjectDisposedException, once in session 22's CI).
/// </summary>
public sealed class When_a_host_is_built_where_an_earlier_host_left_its_log_context
{
    [Fact]
    public async Task Should_start_its_bus_with_its_own_logger_factory()
    {
        var earlier = LoggerFactory.Create(_ => { });
        MassTransit.LogContext.ConfigureCurrentLogContext(earlier);
        earlier.Dispose();
        using var data = new TemporaryDirectory("zoninghub-logcontext-");

        await using var hub = await HubHost.StartAsync(data.Path);

        using var ready = await hub.Http.GetAsync(new Uri(hub.HttpUrl, "/health/ready"));
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }
}
