using System.Net.Http.Json;
using System.Text.Json;
using ZoningHub.Testing;

namespace ZoningHub.Dashboard.Tests;

/// <summary>
/// Review (session 15): the README gives each node a push credential of its own, <c>Hub:Nodes:N:Credential</c>, "so one
/// node's credential, leaked, lets no one push to the others". The embedded run registers its nodes under
/// <c>Hub:Nodes:N</c> (StandaloneExtensions.AddEmbeddedNodes) and the hub presents that credential, but each embedded node
/// is started with <c>Hub:PushCredential</c> whatever is set: with <c>--Hub:Nodes:0:Credential=…</c> the national node
/// refuses every push and never takes a unit.
/// </summary>
public sealed class When_an_embedded_node_is_given_a_push_credential_of_its_own
{
    [Fact]
    public async Task Should_take_the_hubs_pushes_with_it()
    {
        using var data = new TemporaryDirectory("zoninghub-node-credential-");
        var settings = EmbeddedSystem.Settings(data.Path, FreeTcpPort.Find(8));
        settings["Hub:Nodes:0:Credential"] = "national-node-own-credential";
        var app = EmbeddedSystem.Build(settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var status = new Uri(new Uri(settings["Kestrel:Endpoints:Http:Url"]!), "/api/status");
        var last = "";
        try
        {
            await app.StartAsync();

            await Eventually.HoldsAsync(async () =>
            {
                var national = (await http.GetFromJsonAsync<JsonElement>(status)).GetProperty("nodes").EnumerateArray()
                    .Single(n => n.GetProperty("nodeId").GetString() == "national");
                last = national.ToString();
                return national.GetProperty("state").GetString() == "in-sync" && national.GetProperty("lastError").ValueKind == JsonValueKind.Null;
            }, () => $"the national node, pushed to with its own credential, is in sync; the hub's status says {last}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
