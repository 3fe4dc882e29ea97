using System.Collections.Concurrent;
using ZoningHub.ServiceDefaults.Storage;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The background syncs of a node's snapshot chunks and write-ahead log: one thread kept for them, where a thread was
/// started per sync (two per chunk), which cost the node's store about half a millisecond a chunk.
/// </summary>
public sealed class When_files_are_synced_in_the_background
{
    [Fact]
    public void Should_sync_them_one_after_another_on_one_thread()
    {
        var threads = new ConcurrentBag<int>();
        var syncs = new BackgroundSync(_ => threads.Add(Environment.CurrentManagedThreadId));

        for (var chunk = 0; chunk < 20; chunk++)
        {
            syncs.Request("base-1.chunks");
            syncs.WaitUntilIdle();
        }

        Assert.Equal(20, threads.Count);
        Assert.Single(threads.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads.First());
    }

    [Fact]
    public void Should_sync_a_file_once_more_when_asked_while_its_sync_runs()
    {
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var synced = 0;
        var syncs = new BackgroundSync(_ =>
        {
            if (Interlocked.Increment(ref synced) == 1)
            {
                running.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
        });

        syncs.Request("node.db-wal");
        Assert.True(running.Wait(TimeSpan.FromSeconds(10)));
        // Bytes written after the running sync began: they need a sync of their own, and the three asks are one.
        syncs.Request("node.db-wal");
        syncs.Request("node.db-wal");
        syncs.Request("node.db-wal");
        release.Set();
        syncs.WaitUntilIdle();

        Assert.Equal(2, synced);
    }

    [Fact]
    public void Should_report_a_failed_sync_though_a_later_one_of_the_file_succeeded()
    {
        // After a failed fsync Linux may drop the pages it could not write, and the next sync succeeds over bytes that
        // are gone: the file is not to be trusted, whatever came after.
        var tries = 0;
        var syncs = new BackgroundSync(path =>
        {
            if (path == "base-2.chunks" && Interlocked.Increment(ref tries) == 1)
            {
                throw new IOException("Input/output error");
            }
        });

        syncs.Request("base-2.chunks");
        syncs.WaitUntilIdle();
        syncs.Request("base-2.chunks");
        syncs.Request("base-3.chunks");

        Assert.Equal("Input/output error", syncs.WaitUntilIdle("base-2.chunks")?.Message);
        Assert.Null(syncs.WaitUntilIdle("base-3.chunks"));
        Assert.Equal(2, tries);

        syncs.Forget("base-2.chunks");
        Assert.Null(syncs.WaitUntilIdle("base-2.chunks"));
    }
}
