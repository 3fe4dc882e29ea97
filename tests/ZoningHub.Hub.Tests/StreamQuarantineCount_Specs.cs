using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// The status API's per-stream quarantined count (DESIGN §7), which the dashboard marks bad when it is not zero, is of
/// the stream's open entries: one replayed to the end or dismissed no longer keeps the stream marked bad for good.
/// </summary>
public sealed class When_a_streams_quarantine_entries_are_closed
{
    [Fact]
    public async Task Should_show_no_quarantined_input_for_the_stream()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        long id;
        await using (var strict = await HubHost.StartAsync(data.Path, ("Hub:Validation:MaxFeaturesPerChangeSet", "1")))
        {
            await strict.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)), County("330106", Box(120, 30, 121, 31))));
            await strict.SettledAsync((OneMap, 1));
            id = (await strict.GetJsonAsync("/api/quarantine"))[0].GetProperty("id").GetInt64();
        }

        await using var hub = await HubHost.StartAsync(data.Path);
        Assert.Equal(HttpStatusCode.OK, (await hub.PostAsync($"/api/quarantine/{id}/replay")).StatusCode);
        await hub.SettledAsync((OneMap, 1));

        var status = await hub.GetJsonAsync("/api/status");
        Assert.Equal(0, status.GetProperty("quarantineOpen").GetInt64());
        Assert.Equal(0, status.GetProperty("streams")[0].GetProperty("quarantined").GetInt64());
    }
}
