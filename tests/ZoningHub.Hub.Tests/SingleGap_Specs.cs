using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5: on a gap the hub holds what came early and asks the adapter to resend. The commonest gap is one change set
/// lost or delayed: it is a gap to ask for as much as a longer one, and the gap ends before the first one held.
/// </summary>
public sealed class When_one_change_set_of_a_stream_is_missing
{
    [Fact]
    public async Task Should_report_that_one_number_as_the_gap()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await Eventually.HoldsAsync(() => hub.Service<IntakeStore>().Holds(OneMap, 3), "intake holds #3 until #2 comes");

        Assert.Equal([new StreamGap(OneMap, 2, 2)], hub.Service<IntakeStore>().Gaps(TimeSpan.Zero));
    }
}
