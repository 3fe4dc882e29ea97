using Google.Protobuf;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A base's chunks keep their bytes in a file beside the store (<see cref="ChunkFiles"/>), the store's rows naming
/// where each chunk's bytes are: the files of bases replaced are removed, a base an earlier version kept in its rows
/// is still read, a chunk written but never committed is written over, and a missing file shows in the digest.
/// </summary>
public sealed class When_a_base_keeps_its_chunks_in_a_file
{
    static ByteString U(int serial, int version) =>
        BaseFixture.Unit($"ZH3301061{serial:D4}", "330106", UnitType.PriorityProtection, version, version, geometryBytes: 40 + serial);

    static List<ByteString> Units(int count, int version) => [.. Enumerable.Range(1, count).Select(i => U(i, version))];

    static string[] ChunkFileNames(NodeDatabase database) =>
        [.. Directory.EnumerateFiles(database.Chunks.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Should_keep_only_the_files_of_the_base_and_the_one_before_it()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        for (var version = 1; version <= 4; version++)
        {
            BaseFixture.Take(store, $"s{version}", Units(5, version));
        }

        Assert.Equal([.. new[] { Path.GetFileName(database.Chunks.PathOf(3, "s3")), Path.GetFileName(database.Chunks.PathOf(4, "s4")) }.Order(StringComparer.Ordinal)],
            ChunkFileNames(database));
        Assert.Equal(4, new NodeUnitReader(database).Find("ZH33010610005")!.Version);

        // After a restart only the base's file is kept: no reader began before it.
        SqliteConnection.ClearAllPools();
        var (restarted, _) = BaseFixture.Store(data.Path);
        Assert.Equal([Path.GetFileName(restarted.Chunks.PathOf(4, "s4"))], ChunkFileNames(restarted));
        Assert.Equal(5, new NodeUnitReader(restarted).Active(null, null, null).Count());
    }

    [Fact]
    public void Should_read_a_base_an_earlier_version_kept_in_its_rows()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", Units(7, 1));
        var digest = store.Digest().Digest;

        InRows(database, "base_chunks", database.Chunks.PathOf(1, "s1"));
        SqliteConnection.ClearAllPools();
        var (restarted, restartedStore) = BaseFixture.Store(data.Path);

        Assert.Equal(digest, restartedStore.Digest().Digest);
        Assert.Equal(7, new NodeUnitReader(restarted).Active(null, null, null).Count());
        Assert.Equal("ZH33010610004", new NodeUnitReader(restarted).Find("ZH33010610004")!.Code);
    }

    [Fact]
    public void Should_complete_a_snapshot_an_earlier_version_staged_in_its_rows()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        var units = Units(6, 1);
        BaseFixture.Take(store, "s1", units, complete: false);
        InRows(database, "snapshot_chunks", database.Chunks.PathOf(1, "s1"));

        SqliteConnection.ClearAllPools();
        var (restarted, restartedStore) = BaseFixture.Store(data.Path);
        restartedStore.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = "ZH33010610006" });

        Assert.Equal(6, restartedStore.Digest().UnitCount);
        Assert.Equal(6, new NodeUnitReader(restarted).Active(null, null, null).Count());
    }

    /// <summary>What a store from before chunk files holds: each chunk's bytes in its row of <paramref name="table"/>, no file.</summary>
    static void InRows(NodeDatabase database, string table, string file)
    {
        using (var connection = database.Open())
        {
            var chunks = connection.Query(null, $"SELECT chunk, file_offset, file_length FROM {table}", r => (r.GetInt64(0), r.GetInt64(1), r.GetInt32(2)));
            var bytes = File.ReadAllBytes(file);
            foreach (var (chunk, offset, length) in chunks)
            {
                connection.Execute(null, $"UPDATE {table} SET units = $u, file_offset = NULL, file_length = NULL WHERE chunk = $c",
                    ("$u", bytes.AsSpan((int)offset, length).ToArray()), ("$c", chunk));
            }
        }

        File.Delete(file);
    }

    [Fact]
    public void Should_write_over_a_chunk_whose_commit_never_came()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        var units = Units(6, 1);
        BaseFixture.Take(store, "s1", units[..2], complete: false);
        // A chunk's bytes written, and its transaction never committed (a failed disk write, a crash).
        using (var file = new FileStream(database.Chunks.PathOf(1, "s1"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Write(new byte[300]);
        }

        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s1", AfterCode = "ZH33010610002", Units = { units[2..] } });
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = "ZH33010610006" });

        SqliteConnection.ClearAllPools();
        var (restarted, restartedStore) = BaseFixture.Store(data.Path);
        Assert.Equal(6, restartedStore.Digest().UnitCount);
        Assert.Equal(units.Select(u => UnitRevision.Parser.ParseFrom(u).Code),
            new NodeUnitReader(restarted).Active(null, null, null).Select(u => u.Code));
    }

    [Fact]
    public void Should_start_a_snapshot_begun_again_under_its_id_in_an_empty_file()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", Units(6, 1), complete: false);
        BaseFixture.Take(store, "s1", Units(2, 2));

        using var connection = database.Open();
        Assert.Equal(connection.Scalar<long>(null, "SELECT SUM(file_length) FROM base_chunks"), new FileInfo(database.Chunks.PathOf(1, "s1")).Length);
        Assert.Equal(2, new NodeUnitReader(database).Find("ZH33010610002")!.Version);
    }

    [Fact]
    public void Should_remove_the_file_of_a_snapshot_dropped_for_another_once_that_one_completes()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", Units(6, 1), complete: false);
        BaseFixture.Take(store, "s2", Units(2, 2));

        Assert.Equal([Path.GetFileName(database.Chunks.PathOf(1, "s2"))], ChunkFileNames(database));
        Assert.Equal(2, new NodeUnitReader(database).Active(null, null, null).Count());
    }

    [Fact]
    public void Should_differ_from_the_hubs_digest_when_the_base_file_is_gone()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", Units(4, 1));
        var digest = store.Digest();

        File.Delete(database.Chunks.PathOf(1, "s1"));

        // The index kept in memory still names the unit, whose bytes are gone: said, with the file.
        var failure = Assert.Throws<IOException>(() => new NodeUnitReader(database).Find("ZH33010610003"));
        Assert.Contains(Path.GetFileName(database.Chunks.PathOf(1, "s1")), failure.Message, StringComparison.Ordinal);
        // The digest reads the base from disk, finds its chunks missing and serves none of their units.
        Assert.NotEqual(digest.Digest, store.Digest().Digest);
        Assert.Null(new NodeUnitReader(database).Find("ZH33010610003"));
    }
}

/// <summary>
/// After a start, the first readers find no index of the base in memory: one reads it from the store, and the others
/// take that index, where each read the whole base (25 MB nationally) at once. A doubt of the query-surface review,
/// now with a spec.
/// </summary>
public sealed class When_many_readers_come_to_a_node_just_started
{
    [Fact]
    public async Task Should_read_the_bases_index_from_the_store_once()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [.. Enumerable.Range(1, 3_000).Select(i =>
            BaseFixture.Unit($"ZH3301061{i:D4}", "330106", UnitType.PriorityProtection, 1, 1, geometryBytes: 2_000))], perChunk: 500);

        SqliteConnection.ClearAllPools();
        var (restarted, _) = BaseFixture.Store(data.Path);
        var reader = new NodeUnitReader(restarted);
        using var start = new Barrier(8);
        var found = Enumerable.Range(1, 8).Select(i => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return reader.Find($"ZH3301061{i * 300:D4}")?.Code;
        }, TaskCreationOptions.LongRunning)).ToArray();
        var codes = await Task.WhenAll(found);

        Assert.All(codes, Assert.NotNull);
        Assert.Equal(1, restarted.BaseReads);
    }
}
