using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of <c>/health/ready</c>: the hub's store check only opens the store and reads its schema. On a full disk
/// every read still succeeds while no change set can be applied, so the hub answers ready, and a load balancer or an
/// orchestrator keeps it in service, while its intake has stopped. The disk here is a real one that fills up: a small
/// tmpfs (mounting one needs root, as the test command runs).
/// </summary>
public sealed class When_the_hubs_disk_is_full : IDisposable
{
    readonly SmallDisk _disk = new();

    string Disk => _disk.Path;

    [Fact]
    public async Task Should_report_not_ready_while_no_change_set_can_be_written()
    {
        await using (var hub = await HubHost.StartAsync(Path.Combine(Disk, "hub")))
        {
            await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
            await hub.SettledAsync((OneMap, 1));
            Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/health/ready")).StatusCode);

            var filler = _disk.Fill();
            // More than the write-ahead log has room for already, so the commit needs space the disk no longer has.
            await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Farmland,
                [.. Enumerable.Range(0, 400).Select(i => Upsert($"F{i}", Box(120 + (i % 20) * 0.04, 30 + (i / 20) * 0.04, 120.02 + (i % 20) * 0.04, 30.02 + (i / 20) * 0.04)))]));
            await Task.Delay(TimeSpan.FromSeconds(8));
            var stream = hub.Service<StreamStore>().All().Single(s => s.Stream == OneMap);
            Assert.True(stream.LastSequence == 1, $"the hub could not apply #2 on the full disk (it reached #{stream.LastSequence})");

            using var ready = await hub.GetAsync("/health/ready");
            var said = await ready.Content.ReadAsStringAsync();
            File.Delete(filler);
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable,
                $"/health/ready answered {(int)ready.StatusCode} '{said}' while the hub could write nothing to its store");
            Assert.Contains("database or disk is full", said, StringComparison.Ordinal);

            // With space again, intake's retry takes #2 and the hub is ready again.
            await hub.SettledAsync((OneMap, 2));
            Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/health/ready")).StatusCode);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _disk.Dispose();
    }
}
