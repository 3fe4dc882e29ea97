using System.Net;
using System.Text.Json;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: a change set taken out of the hold keeps the number it came with, far ahead of its stream by construction,
/// and a replay judges "newer" by that number (FeatureRows.IsNewerThan). What the stream published after the move, under
/// its next numbers, is always "older": the replay overwrites it with the held, earlier content and reports it applied,
/// though the entry says a replay applies its changes "where nothing newer has replaced them". The stale feature then
/// keeps the far number, so the stream's own later changes to it count as superseded in any replay of theirs.
/// </summary>
public sealed class When_an_operator_replays_a_held_change_set_the_stream_has_changed_since
{
    [Fact]
    public async Task Should_not_undo_what_the_stream_published_after_it()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 1_000_000, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))));
        using var moved = await hub.PostAsync($"/api/streams/{OneMap}/held/quarantine");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var id = (await hub.GetJsonAsync("/api/quarantine?open=true"))[0].GetProperty("id").GetInt64();

        // The department publishes the county again, redrawn, under the stream's next number.
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 121.5, 31))));
        await hub.SettledAsync((OneMap, 2));
        using var replayed = await hub.PostAsync($"/api/quarantine/{id}/replay");
        var replay = JsonDocument.Parse(await replayed.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(["330105"], replay.GetProperty("superseded").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, replay.GetProperty("applied").GetArrayLength());
    }
}
