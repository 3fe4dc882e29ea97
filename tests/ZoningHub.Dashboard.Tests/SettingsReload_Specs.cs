using Microsoft.Extensions.Configuration;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 14): the published-credential check runs once, when the run is built. Kestrel reloads its endpoints
/// when appsettings.json changes (it does by default, and the run's settings file is beside the executable, where a
/// published build is configured). Seen by hand: with the shipped credentials, the Http endpoint edited to
/// http://0.0.0.0:5585 while the run ran, ss showed 0.0.0.0:5585 within seconds and a POST to
/// /api/admin/nodes/national/verify from 192.0.2.2 with <c>embedded-operator</c> got 202.
/// </summary>
[Collection(SettingsFileWriters.Name)]
public sealed class When_the_embedded_runs_settings_file_is_edited_while_it_runs
{
    [Fact]
    public async Task Should_not_listen_beyond_this_machine_with_the_published_credentials()
    {
        using var data = new TemporaryDirectory("zoninghub-reload-");
        var ports = FreeTcpPort.Find(9);
        var endpointFile = Path.Combine(data.Path, "appsettings.json");
        WriteHttpEndpoint(endpointFile, $"http://127.0.0.1:{ports[0]}");
        var settings = EmbeddedSystem.Settings(data.Path, ports);

        // As shipped (the published credentials), on loopback; the Http endpoint from a settings file that reloads, as appsettings.json does.
        var app = EmbeddedSystem.Build(settings, configuration => configuration.AddJsonFile(endpointFile, optional: false, reloadOnChange: true));
        try
        {
            await app.StartAsync();
            var exposed = ports[8];
            Assert.False(await LoopbackPort.AcceptsAsync(exposed), "nothing listens there before the edit");
            WriteHttpEndpoint(endpointFile, $"http://0.0.0.0:{exposed}");

            var listening = await LoopbackPort.ListenedOnWithinAsync(exposed);

            Assert.False(listening, $"the run listens on 0.0.0.0:{exposed} with the published credentials after its settings file was edited");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    static void WriteHttpEndpoint(string file, string url) =>
        File.WriteAllText(file, $$"""{ "Kestrel": { "Endpoints": { "Http": { "Url": "{{url}}", "Protocols": "Http1" } } } }""");
}
