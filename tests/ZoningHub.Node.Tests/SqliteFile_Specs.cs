using Microsoft.Data.Sqlite;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A store removed while its process runs is made again at the next open; an open that comes while it is being made
/// waits for its tables, where it found the new, empty file and failed on them (seen in the snapshot benchmark as
/// "no such table: node_state" when a node's store was removed under it).
/// </summary>
public sealed class When_a_store_is_opened_while_it_is_made_again
{
    [Fact]
    public async Task Should_wait_for_its_tables()
    {
        using var data = new TemporaryDirectory("zoninghub-sqlite-");
        using var making = new ManualResetEventSlim();
        var file = new SqliteFile(Path.Combine(data.Path, "store.db"), initialise: (connection, removed) =>
        {
            if (removed)
            {
                // The file is on disk from here; its table comes a while later.
                connection.Execute(null, "PRAGMA user_version = 1");
                making.Set();
                Thread.Sleep(300);
            }

            connection.Execute(null, "CREATE TABLE IF NOT EXISTS units (code TEXT)");
        });
        using (var connection = file.Open())
        {
            connection.Execute(null, "INSERT INTO units VALUES ('ZH33010610001')");
        }

        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file.Path, file.Path + "-wal", file.Path + "-shm" })
        {
            File.Delete(path);
        }

        long Count()
        {
            using var connection = file.Open();
            return connection.Scalar<long>(null, "SELECT COUNT(*) FROM units");
        }

        // Threads of their own: on two cores the thread pool may not start the second before the first is done.
        var first = Task.Factory.StartNew(Count, TaskCreationOptions.LongRunning);
        Assert.True(making.Wait(TimeSpan.FromSeconds(10)));
        var second = Task.Factory.StartNew(Count, TaskCreationOptions.LongRunning);

        var counts = await Task.WhenAll(first, second);
        Assert.All(counts, count => Assert.Equal(0L, count));
    }
}
