using Microsoft.Data.Sqlite;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// DESIGN §5, nodes converge: a hub whose store is put back as a backup had it (or whose write-ahead log was lost) keeps its
/// log's name, and writes the revisions after the backup again with other content. A node that acknowledged some of the
/// first writing holds revisions this log now means otherwise: resuming the log after its acknowledged revision skips the
/// log's own versions of them and leaves it the lost ones, with nothing but a later digest check to notice.
/// </summary>
public sealed class When_the_hubs_store_is_put_back_as_a_backup_had_it
{
    [Fact]
    public async Task Should_send_a_node_holding_revisions_of_the_lost_writing_a_snapshot_not_the_log_after_them()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var hubStore = Path.Combine(system.DataPath, "hub");
        var backup = Path.Combine(system.DataPath, "hub-backup");
        await system.StopHubAsync();
        SqliteConnection.ClearAllPools();
        Copy(hubStore, backup);
        await system.StartHubAsync();

        // After the backup, Zhejiang's redlines change and every node takes the revisions.
        const int lost = 6;
        for (var n = 1; n <= lost; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "33"));
        }

        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + lost));
        await system.AllVerifiedAsync();
        var national = system.National;
        var acknowledged = national.Acknowledged();

        // While the national node is away, the hub's store is put back as the backup had it, and the hub goes on: Anhui's
        // changes take its log past the revision the node acknowledged, under the numbers the lost writing had used.
        await national.StopAsync();
        await system.StopHubAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(hubStore, recursive: true);
        Copy(backup, hubStore);
        await system.StartHubAsync();
        Assert.True(system.Hub.HeadRevision() < acknowledged, "the backup is from before the revisions the node acknowledged");
        for (var n = 1; system.Hub.HeadRevision() <= acknowledged; n++)
        {
            await system.SendAsync(ProvinceWorld.Edit(n, "34"));
            await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + n));
        }

        await national.StartAsync();
        await system.AllVerifiedAsync();

        // Revisions up to the one it acknowledged are not the node's to keep: they were written again, otherwise.
        var calls = national.PushCalls;
        Assert.True(calls.Count > 0 && calls[0].StartsWith("snapshot", StringComparison.Ordinal),
            $"the national node, which acknowledged revision {acknowledged} of the writing the backup lost, is first sent a snapshot; "
            + $"it was sent: {string.Join("; ", calls)}");
    }

    static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
