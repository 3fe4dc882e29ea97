using System.Net;
using ZoningHub.Hub.Core;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of <c>StoreWrites</c>: only a write that succeeds clears a failure it recorded, and derivation records the
/// failure of its idle look for marked counties (a read, every 5 s) as one. A store damaged for a moment (a bad restore,
/// put right by the operator) leaves an idle hub, whose adapters send nothing for hours, not ready for good: its store
/// reads and serves again, and nothing writes to clear the record.
/// </summary>
public sealed class When_the_hubs_damaged_store_is_put_right_while_nothing_comes
{
    [Fact]
    public async Task Should_be_ready_again_once_its_store_reads()
    {
        using var data = new TemporaryDirectory("zoninghub-repair-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/health/ready")).StatusCode);

        // Damaged in place for longer than derivation's idle wait, then put back byte for byte.
        var files = Directory.GetFiles(data.Path, "hub.db*").ToDictionary(f => f, File.ReadAllBytes);
        foreach (var (file, bytes) in files)
        {
            var garbage = new byte[bytes.Length];
            new Random(1).NextBytes(garbage);
            Overwrite(file, garbage);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await hub.GetAsync("/health/ready")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(7));
        foreach (var (file, bytes) in files)
        {
            Overwrite(file, bytes);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/api/status")).StatusCode);
        string said = "";
        await Eventually.HoldsAsync(async () =>
        {
            using var ready = await hub.GetAsync("/health/ready");
            said = $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
            return ready.StatusCode == HttpStatusCode.OK;
        }, () => $"the hub, its store put right and serving, ready again; /health/ready said {said}; the record of writes: {hub.Service<StoreWrites>().Failing}", 20);
    }

    // In place, the length kept: the store is memory-mapped, and a file cut shorter under the map stops the process.
    static void Overwrite(string path, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Write(bytes);
    }
}
