using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>The dashboard's throughput: change sets applied and unit versions written, per minute of the window asked for.</summary>
public sealed class When_throughput_is_asked_for
{
    [Fact]
    public async Task Should_count_this_minutes_work_and_nothing_before_the_window()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330105", Box(121, 30, 122, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 2));
        using (var connection = hub.Service<HubDatabase>().Open())
        {
            // The first change set and its unit as if from two hours ago: outside a window of an hour.
            var old = DateTimeOffset.UtcNow.AddHours(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            connection.Execute(null, "UPDATE change_sets SET applied_at = $t WHERE sequence = 1", ("$t", old));
            connection.Execute(null, "UPDATE unit_log SET revised_at = $t WHERE revision = (SELECT MIN(revision) FROM unit_log)", ("$t", old));
        }

        var minutes = (await hub.GetJsonAsync("/api/throughput?minutes=60")).EnumerateArray().ToList();

        Assert.Equal(60, minutes.Count);
        Assert.Equal((1L, hub.HeadRevision() - 1), (minutes.Sum(m => m.GetProperty("changeSetsApplied").GetInt64()), minutes.Sum(m => m.GetProperty("unitsRevised").GetInt64())));
        Assert.True(minutes[^1].GetProperty("changeSetsApplied").GetInt64() + minutes[^2].GetProperty("changeSetsApplied").GetInt64() == 1,
            "the change set is counted in the minute it was applied, the last or the one before");
    }
}
