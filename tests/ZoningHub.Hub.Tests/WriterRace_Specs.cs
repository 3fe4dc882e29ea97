using System.Diagnostics;
using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of <c>StoreWrites</c>: intake and derivation share one record of the last write, and either writer's success
/// clears the other's failure. On a full disk, derivation's commit of a large county cannot be written
/// and fails every pass, while intake takes a redelivered change set (nothing to write, so the full disk does not stop it) and calls that a success:
/// <c>/health/ready</c> answers 200 until derivation's next pass fails again, so readiness flaps while derivation is
/// stopped. The disk is a real one that fills up: a small tmpfs (mounting one needs root, as the test command runs).
/// </summary>
public sealed class When_intake_succeeds_while_derivation_cannot_write : IDisposable
{
    readonly SmallDisk _disk = new(mebibytes: 8);

    string Disk => _disk.Path;

    [Fact]
    public async Task Should_stay_not_ready_while_derivation_cannot_write()
    {
        // Derivation waits 10 s after a change, so the disk can fill before its first pass, and between its retries.
        await using var hub = await HubHost.StartAsync(Path.Combine(Disk, "hub"), ("Hub:DerivationDelay", "00:00:10"));
        var county = ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31)));
        await hub.SendAndTakeAsync(county);
        await hub.SendAndTakeAsync(ChangeSet(OneMap, 2, Layers.Farmland,
            [.. Enumerable.Range(0, 900).Select(i => Upsert($"F{i}", Box(120 + (i % 30) * 0.03, 30 + (i / 30) * 0.03, 120.02 + (i % 30) * 0.03, 30.02 + (i / 30) * 0.03)))]));

        // No room left for the write-ahead log to grow by the county's new units.
        var filler = _disk.Fill();
        await Eventually.HoldsAsync(async () => (await hub.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            () => $"derivation fails to commit on the full disk and readiness says so (derivation drained: {hub.Service<DerivationStore>().IsDrained()})", seconds: 40);
        Assert.False(hub.Service<DerivationStore>().IsDrained());

        // A redelivery: intake writes nothing for it, and calls that a write that succeeded.
        await hub.SendAsync(county);
        var answers = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(6) && !hub.Service<DerivationStore>().IsDrained())
        {
            using var ready = await hub.GetAsync("/health/ready");
            answers.Add($"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }

        var drained = hub.Service<DerivationStore>().IsDrained();
        File.Delete(filler);
        Assert.False(drained, "derivation stayed unable to commit throughout");
        Assert.True(answers.All(a => a.StartsWith("503", StringComparison.Ordinal)),
            $"/health/ready while derivation could not commit, after intake took a redelivered change set: {string.Join(" | ", answers.Distinct())}");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _disk.Dispose();
    }
}
