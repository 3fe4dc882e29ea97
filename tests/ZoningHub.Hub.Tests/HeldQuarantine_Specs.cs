using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5: a change set numbered far ahead of its stream (another publisher's numbering, an adapter restored from
/// elsewhere) is held for numbers that never come. The status shows what the stream waits for and since when, and an
/// operator takes the held change sets out of the hold into the quarantine, where nothing of them is lost: the stream
/// goes on, and a replay applies them.
/// </summary>
public sealed class When_an_operator_quarantines_a_streams_held_change_sets
{
    [Fact]
    public async Task Should_keep_them_in_the_quarantine_and_let_the_stream_go_on()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 1_000_000, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))));

        var waiting = Stream(await hub.GetJsonAsync("/api/status"));
        Assert.Equal(1, waiting.GetProperty("held").GetInt64());
        Assert.Equal(1_000_000, waiting.GetProperty("heldFirst").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, waiting.GetProperty("heldSince").ValueKind);

        using (var anonymous = await hub.PostAsync($"/api/streams/{OneMap}/held/quarantine", credential: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var moved = await hub.PostAsync($"/api/streams/{OneMap}/held/quarantine");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var answer = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("lastSequence").GetInt64());
        var quarantined = Assert.Single(answer.GetProperty("quarantined").EnumerateArray());
        Assert.Equal(1_000_000, quarantined.GetProperty("sequence").GetInt64());

        var entry = Assert.Single((await hub.GetJsonAsync("/api/quarantine?open=true")).EnumerateArray());
        Assert.Equal(quarantined.GetProperty("quarantineId").GetInt64(), entry.GetProperty("id").GetInt64());
        Assert.Equal(RejectionRules.GapUnfilled, entry.GetProperty("reasons")[0].GetProperty("rule").GetString());
        var cleared = Stream(await hub.GetJsonAsync("/api/status"));
        Assert.Equal(0, cleared.GetProperty("held").GetInt64());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("heldFirst").ValueKind);

        // The stream goes on from its last applied number, and a replay applies what was held.
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330107", Box(122, 30, 123, 31))));
        await hub.SettledAsync((OneMap, 2));
        using var replay = await hub.PostAsync($"/api/quarantine/{entry.GetProperty("id").GetInt64()}/replay");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await hub.SettledAsync((OneMap, 2));
        Assert.Equal(["330105", "330106", "330107"], hub.ActiveUnits().Select(u => u.County).Distinct().Order());
    }

    [Fact]
    public async Task Should_list_a_stream_that_holds_change_sets_before_it_has_applied_any()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 3, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))));

        var waiting = Stream(await hub.GetJsonAsync("/api/status"));
        Assert.Equal(0, waiting.GetProperty("lastSequence").GetInt64());
        Assert.Equal(3, waiting.GetProperty("heldFirst").GetInt64());
        Assert.Equal("natural-resources", waiting.GetProperty("department").GetString());
        Assert.Equal([Layers.AdminDivision], waiting.GetProperty("layers").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Should_answer_not_found_for_a_stream_the_hub_has_never_heard_of()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);

        using var response = await hub.PostAsync("/api/streams/natural-resources.nowhere/held/quarantine");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("natural-resources.nowhere", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    static JsonElement Stream(JsonElement status) =>
        Assert.Single(status.GetProperty("streams").EnumerateArray(), s => s.GetProperty("stream").GetString() == OneMap);
}
