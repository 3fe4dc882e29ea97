using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

public sealed class When_an_operator_replays_quarantined_input : IAsyncLifetime
{
    readonly string _data = Directory.CreateTempSubdirectory("zoninghub-hub-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Should_apply_what_passes_now_without_undoing_later_changes()
    {
        long quarantineId;
        await using (var strict = await HubHost.StartAsync(_data, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision,
                County("330105", Box(121, 30, 122, 31)), County("330106", Box(120, 30, 121, 31))));
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330106", Box(120, 30, 120.5, 31))));
            await strict.SettledAsync((OneMap, 2));

            var entry = Assert.Single((await strict.GetJsonAsync("/api/quarantine")).EnumerateArray());
            Assert.Equal(RejectionRules.TooManyFeatures, entry.GetProperty("reasons")[0].GetProperty("rule").GetString());
            quarantineId = entry.GetProperty("id").GetInt64();
        }

        // The operator raises the limit (back to the default) and replays, which takes the operator credential.
        await using var hub = await HubHost.StartAsync(_data);
        var anonymous = await hub.PostAsync($"/api/quarantine/{quarantineId}/replay", credential: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("needs the operator credential", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var wrong = await hub.PostAsync($"/api/quarantine/{quarantineId}/replay", credential: "guess");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Null((await hub.GetJsonAsync("/api/quarantine"))[0].GetProperty("replayedAt").GetString());

        var replay = await hub.PostAsync($"/api/quarantine/{quarantineId}/replay");

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = System.Text.Json.JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Equal(["330105"], result.RootElement.GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["330106"], result.RootElement.GetProperty("superseded").EnumerateArray().Select(e => e.GetString()));
        await hub.SettledAsync((OneMap, 2));
        var units = hub.ActiveUnits().ToDictionary(u => u.County);
        Assert.Equal(["330105", "330106"], units.Keys.Order());
        Assert.Equal(units["330105"].AreaSquareMetres / 2, units["330106"].AreaSquareMetres, units["330105"].AreaSquareMetres * 0.01);

        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostAsync($"/api/quarantine/{quarantineId}/replay")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.PostAsync("/api/quarantine/999/replay")).StatusCode);
    }
}
