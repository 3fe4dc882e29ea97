using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;
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

            // The department's data itself is not in the listing anyone can read, only given to an operator.
            Assert.False(entry.TryGetProperty("body", out _), $"the listing leaves the change set out: {entry}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await strict.GetAsync($"/api/quarantine/{quarantineId}/body")).StatusCode);
            var body = await strict.GetAsync($"/api/quarantine/{quarantineId}/body", HubHost.OperatorCredential);
            Assert.Equal(HttpStatusCode.OK, body.StatusCode);
            Assert.Contains("\"330106\"", await body.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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

/// <summary>
/// Published as plain JSON, a change set can carry nulls where the contract has values. Each such change set is
/// refused and kept with its reason; none may fail the intake batch it arrived in, which would send good change sets
/// of other streams to the error queue with it.
/// </summary>
public sealed class When_a_change_set_carries_nulls
{
    [Fact]
    public async Task Should_quarantine_it_with_the_reason_and_keep_taking_the_good_ones()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var counties = ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)));
        // Sent together, so they can share an intake batch.
        await hub.SendAsync(ChangeSet(Forestry, 1, Layers.NatureReserve) with { Features = null! });
        await hub.SendAsync(ChangeSet(Forestry, 2, null!, Upsert("NR-1", Box(121.2, 30.2, 121.4, 30.4))));
        await hub.SendAsync(counties with { Features = [counties.Features[0] with { SourceVersion = null! }] });
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("HX-1", Box(121.1, 30.1, 121.5, 30.5))));

        await hub.SettledAsync((OneMap, 2), (Forestry, 2));

        var reasons = (await hub.GetJsonAsync("/api/quarantine")).EnumerateArray()
            .ToDictionary(e => e.GetProperty("sequence").GetInt64(), e => e.GetProperty("reasons")[0]);
        Assert.Equal([1L, 2L], reasons.Keys.Order());
        Assert.Equal(RejectionRules.FeaturesMissing, reasons[1].GetProperty("rule").GetString());
        Assert.Equal(RejectionRules.LayerUnknown, reasons[2].GetProperty("rule").GetString());
        Assert.StartsWith("layer is missing", reasons[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        // A null sourceVersion is an absent one: the county and the redline in it are taken and derived.
        Assert.Contains(hub.ActiveUnits(), u => u.County == "330105" && u.Type == Core.Derivation.UnitType.PriorityProtection);
    }
}
