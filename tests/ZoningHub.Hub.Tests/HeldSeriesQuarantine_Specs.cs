using System.Net;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review: the hold keeps two kinds of change sets: ones early for their number, and members of a snapshot series waiting
/// for their siblings, though next in their stream. Taken out of the hold, each is told it was held "for numbers of stream
/// … before #N that did not come": for the series' first member, the stream's very next number, no number before it is
/// missing, and the operator and the department (to whom the refusal is announced) are sent looking for a gap that is not.
/// </summary>
public sealed class When_an_operator_quarantines_a_held_series_member_that_is_next
{
    [Fact]
    public async Task Should_not_say_numbers_before_it_did_not_come()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31)))
            with { Kind = ChangeSetKinds.Snapshot, Series = new SnapshotSeries { First = 2, Last = 3 } });

        using var moved = await hub.PostAsync($"/api/streams/{OneMap}/held/quarantine");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var message = (await hub.GetJsonAsync("/api/quarantine?open=true"))[0].GetProperty("reasons")[0].GetProperty("message").GetString();

        Assert.DoesNotContain("before #2 that did not come", message, StringComparison.Ordinal);
    }
}
