using System.Text.Json.Nodes;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 15): the README says the embedded run "binds its addresses as they were at start: an edited settings
/// file does not move them while it runs", and <see cref="When_the_embedded_runs_settings_file_is_edited_while_it_runs"/>
/// holds the host to it. Each embedded node, though, is a web application of its own (EmbeddedNodes) whose builder reads
/// appsettings.json beside the executable, reloading on change, and whose Kestrel binds that file's endpoints again when
/// it changes. Seen by hand: with the shipped credentials, an endpoint <c>http://0.0.0.0:18598</c> added to
/// bin/…/appsettings.json while the run ran was listened on by the process within seconds (an embedded node: the
/// others logged "Unable to bind … on config reload"), so the node took pushes with the published
/// <c>embedded-hub-credential</c> from beyond the machine.
/// </summary>
[Collection(SettingsFileWriters.Name)]
public sealed class When_the_settings_file_beside_the_embedded_run_is_edited_while_it_runs
{
    [Fact]
    public async Task Should_not_have_a_node_listen_beyond_this_machine()
    {
        using var data = new TemporaryDirectory("zoninghub-node-reload-");
        var ports = FreeTcpPort.Find(9);
        var exposed = ports[8];
        var app = EmbeddedSystem.Build(EmbeddedSystem.Settings(data.Path, ports));
        // The file an embedded node reads: appsettings.json beside the executable (here the test's output folder).
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var original = File.ReadAllText(file);
        var listening = false;
        try
        {
            await app.StartAsync();
            Assert.False(await LoopbackPort.AcceptsAsync(exposed), "nothing listens there before the edit");

            var edited = JsonNode.Parse(original)!.AsObject();
            var kestrel = edited["Kestrel"] as JsonObject ?? [];
            edited["Kestrel"] = kestrel;
            var endpoints = kestrel["Endpoints"] as JsonObject ?? [];
            kestrel["Endpoints"] = endpoints;
            endpoints["Extra"] = new JsonObject { ["Url"] = $"http://0.0.0.0:{exposed}", ["Protocols"] = "Http2" };
            File.WriteAllText(file, edited.ToJsonString());

            listening = await LoopbackPort.ListenedOnWithinAsync(exposed);
        }
        finally
        {
            File.WriteAllText(file, original);
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        Assert.False(listening, $"the embedded run listens on 0.0.0.0:{exposed}, with the published push credential, after the settings file beside it was edited");
    }
}
