using System.Net;
using System.Net.Sockets;
using ZoningHub.Standalone;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// An address the embedded run is told to listen on may be taken (another program, or a ZoningHub already running): it
/// stops with what to change, the address and the setting that gives it, not with a stack trace that names no setting.
/// </summary>
public sealed class When_an_address_of_the_embedded_run_is_taken
{
    [Theory]
    [InlineData("Kestrel:Endpoints:Http:Url")]
    [InlineData("Embedded:Nodes:1:GrpcUrl")]
    public async Task Should_say_which_setting_to_change(string setting)
    {
        using var data = new TemporaryDirectory("zoninghub-taken-");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var settings = EmbeddedSystem.Settings(data.Path, FreeTcpPort.Find(8));
        settings[setting] = $"http://127.0.0.1:{port}";
        var app = EmbeddedSystem.Build(settings);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

            var problem = EmbeddedRun.StartProblem(failure, app.Configuration);
            Assert.NotNull(problem);
            Assert.Contains($"127.0.0.1:{port}", problem, StringComparison.Ordinal);
            Assert.Contains($"set {setting} to a free port", problem, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
