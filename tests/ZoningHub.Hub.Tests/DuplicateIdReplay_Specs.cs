using System.Net;
using System.Text.Json;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A feature id twice in a change set: only the first copy counts. When that copy is refused, no copy is applied and
/// the duplicate's reason says so; a replay after the fix applies the first copy (DESIGN §5: bad input can be replayed
/// after a fix). It once said "only the first is applied", and no replay could ever apply it.
/// </summary>
public sealed class When_the_first_copy_of_a_duplicated_feature_id_was_refused
{
    [Fact]
    public async Task Should_apply_the_feature_when_replayed_after_the_fix()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        const string Detailed = "POLYGON ((120.1 30.1, 120.2 30.1, 120.3 30.1, 120.3 30.2, 120.3 30.3, 120.2 30.3, 120.1 30.3, 120.1 30.2, 120.1 30.1))";
        long id;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxVerticesPerFeature", "6")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Detailed), Upsert("H1", Detailed)));
            await strict.SettledAsync((OneMap, 2));
            var entry = Assert.Single((await strict.GetJsonAsync("/api/quarantine")).EnumerateArray());
            id = entry.GetProperty("id").GetInt64();
            Assert.Equal([RejectionRules.GeometryTooLarge, RejectionRules.FeatureIdDuplicate],
                entry.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString()));
            Assert.DoesNotContain(strict.ActiveUnits(), u => u.Type == Core.Derivation.UnitType.PriorityProtection);
        }

        // The operator raises the vertex limit and replays.
        await using var hub = await HubHost.StartAsync(data.Path);
        var replay = await hub.PostAsync($"/api/quarantine/{id}/replay");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(["H1"], result.GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
    }
}
