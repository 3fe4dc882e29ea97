using Google.Protobuf;
using Microsoft.Data.Sqlite;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

// Defects found by the review of chunk files (session 18), fixed: completion refuses a snapshot whose chunks it reads
// back lost, files are named by their snapshot as well as their base number, and a reader opens its base's file as its
// transaction begins.
static class ChunkFilesReview
{
    /// <summary>A unit of county <paramref name="county"/>; units of two counties with the same serial encode to the same length.</summary>
    internal static ByteString U(string county, int serial, int version, long revision = 1) =>
        BaseFixture.Unit($"ZH{county}1{serial:D4}", county, UnitType.PriorityProtection, version, revision, geometryBytes: 40 + serial);

    internal static List<ByteString> Units(string county, int from, int count, int version) =>
        [.. Enumerable.Range(from, count).Select(i => U(county, i, version))];

    internal static string Code(ByteString unit) => UnitRevision.Parser.ParseFrom(unit).Code;
}

/// <summary>
/// After a restart a snapshot is resumed and its completion reads the staged chunks back (the staged index was in
/// memory only). When it reads a chunk as damaged it completes all the same: it acknowledges the snapshot's revision
/// and the hub records the node as holding it, while the node serves a base missing the damaged chunks' units until a
/// digest check (which may be scheduled far apart) notices and a whole snapshot is sent again. Completion knows at that
/// moment and could refuse, so the hub begins again at once. Two ways to get there: a power cut that keeps a chunk's
/// row (the write-ahead log synced in the background) but not its bytes (the chunk file's background sync not yet
/// done), which ApplySnapshotChunk's comment accepts; and a crash inside BeginSnapshot after it emptied the next base's
/// file (<c>ChunkFiles.Start</c>) and before its commit, which leaves the earlier snapshot under way with rows naming
/// bytes that are gone (breaking ChunkFiles' "a row never names bytes that were not written before it"), so that any
/// client resuming the progress the node reports gets a damaged base acknowledged. ChunkFiles.Sync also takes a missing
/// file for "a snapshot of no units" though the rows name bytes in it.
/// </summary>
public sealed class When_a_resumed_snapshot_reads_its_chunks_back_damaged
{
    static (NodeUnitStore Store, List<ByteString> Units) Resumed(string directory, Action<NodeDatabase> lose)
    {
        var (database, store) = BaseFixture.Store(directory);
        var units = ChunkFilesReview.Units("330106", 1, 6, 1);
        BaseFixture.Take(store, "s1", units[..2], complete: false);
        lose(database);
        SqliteConnection.ClearAllPools();

        var (_, restartedStore) = BaseFixture.Store(directory);
        // The hub finds s1 under way through its second unit, and resumes it.
        Assert.Equal(ChunkFilesReview.Code(units[1]), restartedStore.Snapshot()!.LastCode);
        restartedStore.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s1", AfterCode = ChunkFilesReview.Code(units[1]), Units = { units[2..] } });
        return (restartedStore, units);
    }

    static void AssertRefusedOrWhole(NodeUnitStore store, List<ByteString> units)
    {
        var refused = Record.Exception(() =>
            store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = ChunkFilesReview.Code(units[^1]) }));

        // Refusing the completion (so the hub begins again) is right; acknowledging it must mean the node holds all six.
        if (refused is null)
        {
            Assert.Equal(units.Count, store.Digest().UnitCount);
        }
    }

    [Fact]
    public void Should_not_complete_when_a_power_cut_kept_a_chunks_row_but_not_its_bytes()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        // The row of the first chunk was synced with the write-ahead log, its bytes were not: the power cut took them.
        var (store, units) = Resumed(data.Path, database =>
        {
            using var file = new FileStream(database.Chunks.PathOf(1, "s1"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(0);
        });

        AssertRefusedOrWhole(store, units);
    }

    [Fact]
    public void Should_not_complete_a_resumed_snapshot_whose_file_a_crashed_begin_emptied()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        // BeginSnapshot of s2 runs up to its commit: it empties base 1's file, and the process stops before the commit.
        var (store, units) = Resumed(data.Path, database => database.Chunks.Start(database.Chunks.PathOf(1, "s1")));

        AssertRefusedOrWhole(store, units);
    }
}

/// <summary>
/// Files are named by the base's number, and a store removed while the node runs is made again with numbers from 0:
/// the initialise keeps <c>base-1.chunks</c> (the old store's), and the new store's first snapshot starts that name over
/// with its own bytes. A listing (read lazily, in one read transaction on the removed store, as the API streams it) that
/// began before the removal and had not yet read a base unit opens the file by name only when it reaches one, and then
/// reads the new snapshot's bytes at the offsets of the old index: it serves units of another snapshot (here, of another
/// county) in the middle of its own. Before chunk files the listing read the removed store's rows, which its
/// transaction kept.
/// </summary>
public sealed class When_a_store_is_removed_while_a_listing_reads_it
{
    [Fact]
    public void Should_not_serve_the_new_stores_units_from_a_file_whose_name_it_reused()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        var old = ChunkFilesReview.Units("330106", 2, 4, 1);
        BaseFixture.Take(store, "s1", old);
        // A unit pushed since, with a code before the base's: the listing's first unit, read without opening the base's file.
        var pushed = ChunkFilesReview.U("330106", 1, 1, revision: 11);
        store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = 10, ToRevision = 11, Units = { pushed } });

        using var listing = new NodeUnitReader(database).Active(null, null, null).GetEnumerator();
        Assert.True(listing.MoveNext());
        var listed = new List<string> { listing.Current.Code };

        // The store is removed (by hand, or a disk swapped) while the node runs; the hub sends the new store a snapshot.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(database.Path)!, "node.db*"))
        {
            File.Delete(file);
        }

        BaseFixture.Take(store, "s2", ChunkFilesReview.Units("330108", 2, 4, 1));

        while (listing.MoveNext())
        {
            listed.Add(listing.Current.Code);
        }

        Assert.Equal([ChunkFilesReview.Code(pushed), .. old.Select(ChunkFilesReview.Code)], listed);
    }
}

/// <summary>
/// A completion removes every file but its base's and the one before it, on the view that only a reader whose
/// transaction began before the last completion may still read an older base. A listing is read lazily in one read
/// transaction (the API streams it to the client), and opens the base's file only when it first reaches a base unit;
/// a listing that began before two completions (a slow client, a digest mismatch resync following a snapshot) then
/// finds its base's file removed and fails part-way with an IOException that blames a removed or cut-short file and
/// promises a snapshot, though nothing is wrong with the store. Before chunk files its transaction kept the rows it read.
/// </summary>
public sealed class When_a_listing_outlasts_two_completions
{
    [Fact]
    public void Should_still_read_the_base_its_transaction_began_with()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        var first = ChunkFilesReview.Units("330106", 2, 4, 1);
        BaseFixture.Take(store, "s1", first);
        var pushed = ChunkFilesReview.U("330106", 1, 1, revision: 11);
        store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = 10, ToRevision = 11, Units = { pushed } });

        using var listing = new NodeUnitReader(database).Active(null, null, null).GetEnumerator();
        Assert.True(listing.MoveNext());
        var listed = new List<string> { listing.Current.Code };

        BaseFixture.Take(store, "s2", ChunkFilesReview.Units("330106", 2, 4, 2), asOf: 20);
        BaseFixture.Take(store, "s3", ChunkFilesReview.Units("330106", 2, 4, 3), asOf: 30);

        var failure = Record.Exception(() =>
        {
            while (listing.MoveNext())
            {
                listed.Add(listing.Current.Code);
            }
        });

        Assert.Null(failure);
        Assert.Equal([ChunkFilesReview.Code(pushed), .. first.Select(ChunkFilesReview.Code)], listed);
    }
}
