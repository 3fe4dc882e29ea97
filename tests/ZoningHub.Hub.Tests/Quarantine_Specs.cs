using System.Net;
using System.Text.Json;
using MassTransit;
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

/// <summary>
/// A replay applies what passes now and keeps what does not: the entry stays open with today's reasons until nothing
/// in it is refused, so the next fix can be replayed too (DESIGN §5, bad input loses nothing).
/// </summary>
public sealed class When_a_replay_leaves_something_refused
{
    [Fact]
    public async Task Should_keep_the_entry_open_for_what_is_still_refused_and_replay_just_that_next_time()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        long id;
        // Nine vertices: over a limit of 6, which a fix raises; a county far outside China no fix makes good.
        const string Detailed = "POLYGON ((120 30, 120.5 30, 121 30, 121 30.5, 121 31, 120.5 31, 120 31, 120 30.5, 120 30))";
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxVerticesPerFeature", "6")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision,
                County("330105", Box(121, 30, 122, 31)), County("330106", Detailed), County("330107", Box(10, 10, 11, 11))));
            await strict.SettledAsync((OneMap, 1));
            var entry = Assert.Single((await strict.GetJsonAsync("/api/quarantine")).EnumerateArray());
            id = entry.GetProperty("id").GetInt64();
            Assert.Equal(["330106", "330107"], FeatureIds(entry));

            // Replayed before the fix: nothing applied, and the entry stays open.
            var early = await strict.PostAsync($"/api/quarantine/{id}/replay");
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Contains("\"applied\":[]", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var open = (await strict.GetJsonAsync("/api/quarantine"))[0];
            Assert.Equal((JsonValueKind.Null, 1), (open.GetProperty("replayedAt").ValueKind, open.GetProperty("attempts").GetInt32()));
        }

        await using var hub = await HubHost.StartAsync(data.Path);
        var replay = System.Text.Json.JsonDocument.Parse(await (await hub.PostAsync($"/api/quarantine/{id}/replay")).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(["330106"], replay.GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
        var still = (await hub.GetJsonAsync("/api/quarantine"))[0];
        Assert.Equal(JsonValueKind.Null, still.GetProperty("replayedAt").ValueKind);
        Assert.Equal(["330107"], FeatureIds(still));
        Assert.Equal(RejectionRules.GeometryOutOfBounds, still.GetProperty("reasons")[0].GetProperty("rule").GetString());
        await hub.SettledAsync((OneMap, 1));
        Assert.Equal(["330105", "330106"], hub.ActiveUnits().Select(u => u.County).Order());

        // Again: only what is still refused is taken, and it is still refused.
        var again = System.Text.Json.JsonDocument.Parse(await (await hub.PostAsync($"/api/quarantine/{id}/replay")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, again.GetProperty("applied").GetArrayLength());
        Assert.Equal(["330107"], again.GetProperty("stillRejected").EnumerateArray().Select(r => r.GetProperty("featureId").GetString()));
    }

    [Fact]
    public async Task Should_take_one_replay_when_operators_replay_an_entry_at_once()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)), County("330106", Box(120, 30, 121, 31))));
            await strict.SettledAsync((OneMap, 1));
        }

        await using var hub = await HubHost.StartAsync(data.Path);
        var id = (await hub.GetJsonAsync("/api/quarantine"))[0].GetProperty("id").GetInt64();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => hub.PostAsync($"/api/quarantine/{id}/replay")));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, (await hub.GetJsonAsync("/api/quarantine"))[0].GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Should_not_bring_back_a_feature_the_stream_deleted_since_nor_widen_to_the_whole_set()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        const string Detailed = "POLYGON ((120 30, 120.5 30, 121 30, 121 30.5, 121 31, 120.5 31, 120 31, 120 30.5, 120 30))";
        long id;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxVerticesPerFeature", "6")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)), County("330106", Detailed)));
            // The department deletes both since: the one applied, and the one the hub had refused.
            await strict.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, Delete("330105"), Delete("330106")));
            await strict.SettledAsync((OneMap, 2));
            id = (await strict.GetJsonAsync("/api/quarantine"))[0].GetProperty("id").GetInt64();
        }

        await using (var refusing = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            // Refused whole under a lowered limit: the entry still names just its one feature.
            await refusing.PostAsync($"/api/quarantine/{id}/replay");
            var entry = (await refusing.GetJsonAsync("/api/quarantine"))[0];
            Assert.Equal("features", entry.GetProperty("scope").GetString());
            Assert.Equal([null, "330106"], FeatureIds(entry));
        }

        await using var hub = await HubHost.StartAsync(data.Path);
        var replay = JsonDocument.Parse(await (await hub.PostAsync($"/api/quarantine/{id}/replay")).Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(0, replay.GetProperty("applied").GetArrayLength());
        Assert.Equal(["330106"], replay.GetProperty("superseded").EnumerateArray().Select(e => e.GetString()));
        await hub.SettledAsync((OneMap, 2));
        Assert.Empty(hub.ActiveUnits());
        Assert.Equal(0, (await hub.GetJsonAsync("/api/status")).GetProperty("quarantineOpen").GetInt64());
    }

    [Fact]
    public async Task Should_let_an_operator_dismiss_what_no_replay_lifts_and_not_apply_it_again_meanwhile()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        // One id twice: the first copy is applied, the second refused; no setting of the hub's makes the set say it once.
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)), County("330105", Box(121, 30, 121.5, 31))));
        await hub.SettledAsync((OneMap, 1));
        var id = (await hub.GetJsonAsync("/api/quarantine"))[0].GetProperty("id").GetInt64();
        var head = hub.HeadRevision();

        var replay = JsonDocument.Parse(await (await hub.PostAsync($"/api/quarantine/{id}/replay")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((0, 0), (replay.GetProperty("applied").GetArrayLength(), replay.GetProperty("markedCounties").GetInt32()));
        Assert.Equal(1, (await hub.GetJsonAsync("/api/status")).GetProperty("quarantineOpen").GetInt64());

        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.PostAsync($"/api/quarantine/{id}/dismiss", credential: null)).StatusCode);
        var dismissed = await hub.PostAsync($"/api/quarantine/{id}/dismiss");

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(0, (await hub.GetJsonAsync("/api/status")).GetProperty("quarantineOpen").GetInt64());
        Assert.Equal(0, (await hub.GetJsonAsync("/api/quarantine?open=true")).GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, (await hub.GetJsonAsync("/api/quarantine"))[0].GetProperty("dismissedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostAsync($"/api/quarantine/{id}/replay")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await hub.PostAsync($"/api/quarantine/{id}/dismiss")).StatusCode);
        Assert.Equal(head, hub.HeadRevision());
    }

    static IEnumerable<string?> FeatureIds(JsonElement entry) =>
        entry.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("featureId").GetString()).Order(StringComparer.Ordinal);
}

/// <summary>DESIGN §5: a change set with a known number but different content is an integrity alarm, not an overwrite, replayed or not.</summary>
public sealed class When_an_integrity_alarm_is_replayed
{
    [Fact]
    public async Task Should_refuse_the_replay_and_keep_what_the_sequence_applied()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))));
        await hub.SettledAsync((OneMap, 1));
        var before = Assert.Single(hub.ActiveUnits());
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 121.5, 31))));
        await Eventually.HoldsAsync(async () => (await hub.GetJsonAsync("/api/quarantine")).GetArrayLength() == 1, "the alarm is quarantined");
        var entry = (await hub.GetJsonAsync("/api/quarantine"))[0];
        Assert.Contains("kept as evidence", entry.GetProperty("notReplayable").GetString(), StringComparison.Ordinal);

        var replay = await hub.PostAsync($"/api/quarantine/{entry.GetProperty("id").GetInt64()}/replay");

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("cannot be replayed: it reused a sequence number", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await hub.SettledAsync((OneMap, 1));
        Assert.Equal(before.ContentHash, Assert.Single(hub.ActiveUnits()).ContentHash);
    }
}

/// <summary>DESIGN §5: the alarm holds for a number still held (it came before the numbers it follows), not only for one applied.</summary>
public sealed class When_a_held_change_sets_number_comes_again_with_other_content
{
    [Fact]
    public async Task Should_raise_the_integrity_alarm_and_apply_the_copy_held_first()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))));
        await Eventually.HoldsAsync(() => hub.Service<ZoningHub.Hub.Store.IntakeStore>().Holds(OneMap, 2), "#2 is held until #1 comes");
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 121.5, 31))));
        await Eventually.HoldsAsync(async () => (await hub.GetJsonAsync("/api/quarantine")).GetArrayLength() == 1, "the second copy of #2 is an alarm");
        var entry = (await hub.GetJsonAsync("/api/quarantine"))[0];
        Assert.Equal(RejectionRules.IntegrityConflict, entry.GetProperty("reasons")[0].GetProperty("rule").GetString());

        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 2));
        var held = new NetTopologySuite.IO.WKBReader().Read(hub.ActiveUnits().Single(u => u.County == "330105").GeometryWkb);
        Assert.Equal(1.0, held.EnvelopeInternal.Width, 6);
    }
}

/// <summary>
/// DESIGN §5: the publishing department hears of every rejection. The event is published after intake's transaction
/// commits; one whose publish failed then (the broker connection dropped) is published at the next round, not lost.
/// </summary>
public sealed class When_a_rejection_event_could_not_be_published_at_the_time
{
    [Fact]
    public async Task Should_publish_it_at_the_next_round_with_the_entrys_reasons()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var received = new TaskCompletionSource<ZoningHub.Contracts.ChangeSetRejected>(TaskCreationOptions.RunContinuationsAsynchronously);
        var endpoint = hub.Service<MassTransit.IBus>().ConnectReceiveEndpoint("test-rejections", e =>
            e.Handler<ZoningHub.Contracts.ChangeSetRejected>(context => Task.FromResult(received.TrySetResult(context.Message))));
        await endpoint.Ready;

        // Committed by intake, its event never published.
        var quarantine = hub.Service<ZoningHub.Hub.Store.QuarantineStore>();
        var reason = ChangeSetValidator.Reject(RejectionRules.LayerUnknown, null, "layer 'x' is unknown");
        var id = quarantine.Add(ChangeSet(OneMap, 1, "x"), [reason], "{}");

        var rejected = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((id, OneMap, RejectionRules.LayerUnknown), (rejected.QuarantineId, rejected.Stream, Assert.Single(rejected.Rejections).Rule));
        await Eventually.HoldsAsync(() => quarantine.Unannounced(10).Count == 0, "the entry is marked announced");
    }
}
