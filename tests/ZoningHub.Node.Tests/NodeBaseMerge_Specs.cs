using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>Units, snapshots and stores for the specs of the node's base (snapshot chunks) merged with the units pushed since.</summary>
static class BaseFixture
{
    internal static (NodeDatabase, NodeUnitStore) Store(string directory)
    {
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "33", HubCredential = "c", DataDirectory = directory });
        var database = new NodeDatabase(options);
        return (database, new NodeUnitStore(database, options));
    }

    internal static ByteString Unit(string code, string county, UnitType type, int version, long revision, bool retired = false, int geometryBytes = 50) => new UnitRevision
    {
        Revision = revision, Code = code, County = county, Type = type, Version = version, Retired = retired,
        ContentHash = $"h{code}-{version}", GeometryWkb = ByteString.CopyFrom(Enumerable.Repeat((byte)version, geometryBytes).ToArray()),
    }.ToByteString();

    /// <summary>Takes a snapshot of <paramref name="units"/> (in code order), <paramref name="perChunk"/> to a chunk.</summary>
    internal static void Take(NodeUnitStore store, string snapshotId, IReadOnlyList<ByteString> units, int perChunk = 2, long asOf = 10, bool complete = true)
    {
        var codes = units.Select(u => UnitRevision.Parser.ParseFrom(u).Code).ToList();
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = snapshotId, AsOfRevision = asOf, Scope = "33" });
        for (var i = 0; i < units.Count; i += perChunk)
        {
            store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = snapshotId, AfterCode = i == 0 ? "" : codes[i - 1], Units = { units.Skip(i).Take(perChunk) } });
        }

        if (complete)
        {
            store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = snapshotId, LastCode = codes.Count == 0 ? "" : codes[^1] });
        }
    }
}

/// <summary>
/// A listing, a find, a count and a digest of a node with a base and units pushed since are those of the same units
/// held in one place, for any filter and page: checked against a model on random bases and pushes.
/// </summary>
public sealed class When_a_node_merges_its_base_with_random_pushes
{
    static readonly string[] Counties = ["330106", "330108", "330110", "330201", "331002", "331099"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Should_list_page_find_count_and_digest_as_the_model_does(int seed)
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var random = new Random(seed);
        var model = new SortedDictionary<string, UnitRevision>(StringComparer.Ordinal);
        var serial = 0;
        string NewCode(string county, UnitType type) => $"ZH{county}{(int)type}{++serial:D4}";

        // The base: as of revision 10, every unit's revision at most 10.
        foreach (var county in Counties)
        {
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                var type = (UnitType)random.Next(1, 4);
                var code = NewCode(county, type);
                model[code] = UnitRevision.Parser.ParseFrom(BaseFixture.Unit(code, county, type, 1, random.Next(1, 11), retired: random.Next(5) == 0));
            }
        }

        var (database, store) = BaseFixture.Store(Path.Combine(data.Path, "merged"));
        BaseFixture.Take(store, "s1", model.Values.Select(u => u.ToByteString()).ToList(), perChunk: random.Next(1, 4));

        // Pushes since: new versions, retirements, new units, and redelivered older versions.
        var revision = 10L;
        for (var batch = 0; batch < 6; batch++)
        {
            var from = revision;
            var units = new List<ByteString>();
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                var pick = random.Next(4);
                if (pick == 0 || model.Count == 0)
                {
                    var county = Counties[random.Next(Counties.Length)];
                    var type = (UnitType)random.Next(1, 4);
                    var code = NewCode(county, type);
                    var unit = UnitRevision.Parser.ParseFrom(BaseFixture.Unit(code, county, type, 1, ++revision));
                    model[code] = unit;
                    units.Add(unit.ToByteString());
                }
                else
                {
                    var held = model.Values.ElementAt(random.Next(model.Count));
                    if (pick == 3)
                    {
                        // Redelivered: an older (or the same) revision than held, which changes nothing.
                        var older = held.Clone();
                        older.Revision = random.Next(0, (int)held.Revision + 1);
                        older.Version = held.Version + 7;
                        units.Add(older.ToByteString());
                    }
                    else
                    {
                        var unit = UnitRevision.Parser.ParseFrom(BaseFixture.Unit(held.Code, held.County, held.Type, held.Version + 1, ++revision, retired: pick == 2 && random.Next(2) == 0));
                        model[held.Code] = unit;
                        units.Add(unit.ToByteString());
                    }
                }
            }

            store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = from, ToRevision = revision, Units = { units } });
        }

        var reader = new NodeUnitReader(database);
        var filters = new (string? Province, string? County, UnitType? Type)[]
        {
            (null, null, null), ("33", null, null), (null, "330108", null), ("33", "330201", null), (null, null, UnitType.KeyControl),
            ("33", null, UnitType.GeneralControl), (null, "331002", UnitType.PriorityProtection), ("34", null, null), (null, "330107", null),
        };
        foreach (var (province, county, type) in filters)
        {
            var expected = model.Values.Where(u => !u.Retired && (province is null || u.County.StartsWith(province, StringComparison.Ordinal))
                && (county is null || u.County == county) && (type is null || u.Type == type)).ToList();
            Assert.Equal(expected.Select(Key), reader.Active(province, county, type).Select(Key));

            foreach (var limit in new[] { 1, 2, 3, 5 })
            {
                foreach (var after in new string?[] { null }.Concat(model.Keys).Append("ZH3"))
                {
                    var page = reader.Active(province, county, type, new UnitPage(after, limit)).Select(Key).ToList();
                    var want = expected.Where(u => after is null || string.CompareOrdinal(u.Code, after) > 0).Take(limit + 1).Select(Key).ToList();
                    Assert.True(want.SequenceEqual(page), $"seed {seed}, filter ({province}, {county}, {type}), after {after}, limit {limit}: "
                        + $"wanted [{string.Join(", ", want)}], listed [{string.Join(", ", page)}]");
                }
            }
        }

        foreach (var unit in model.Values)
        {
            Assert.Equal(unit, reader.Find(unit.Code));
        }

        Assert.Equal(model.Values.Count(u => !u.Retired), store.Count());

        var (_, whole) = BaseFixture.Store(Path.Combine(data.Path, "whole"));
        BaseFixture.Take(whole, "w", model.Values.Select(u => u.ToByteString()).ToList());
        var (mergedDigest, wholeDigest) = (store.Digest(), whole.Digest());
        Assert.Equal((wholeDigest.Digest, wholeDigest.UnitCount), (mergedDigest.Digest, mergedDigest.UnitCount));
        Assert.Equal((wholeDigest.Digest, wholeDigest.UnitCount), (store.KeptDigest().Digest, store.KeptDigest().UnitCount));
    }

    static string Key(UnitRevision unit) => $"{unit.Code}@{unit.Version}";
}

/// <summary>
/// A listing reads in one read transaction: a snapshot completed while it streams (the base's chunks dropped and the
/// staged ones renamed in their place, by another connection) changes nothing it lists.
/// </summary>
public sealed class When_a_snapshot_completes_while_a_listing_streams
{
    [Fact]
    public void Should_list_the_base_it_began_with_to_its_end()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        var first = Enumerable.Range(1, 9).Select(i => BaseFixture.Unit($"ZH33010610{i:D3}", "330106", UnitType.PriorityProtection, 1, 1, geometryBytes: 40 * i)).ToList();
        var second = Enumerable.Range(1, 9).Select(i => BaseFixture.Unit($"ZH33010610{i:D3}", "330106", UnitType.PriorityProtection, 2, 2, geometryBytes: 1000 - 40 * i)).ToList();
        BaseFixture.Take(store, "s1", first);
        var reader = new NodeUnitReader(database);

        var listed = new List<ByteString>();
        using (var listing = reader.Active(null, null, null).GetEnumerator())
        {
            Assert.True(listing.MoveNext());
            listed.Add(listing.Current.ToByteString());

            // Another connection makes the next snapshot the base, then a fresh digest reads it.
            BaseFixture.Take(store, "s2", second, perChunk: 4);
            Assert.Equal(9, store.Digest().UnitCount);
            Assert.Equal(2, reader.Find("ZH33010610001")!.Version);

            while (listing.MoveNext())
            {
                listed.Add(listing.Current.ToByteString());
            }
        }

        Assert.Equal(first, listed);
        Assert.Equal(second, reader.Active(null, null, null).Select(u => u.ToByteString()));
    }

    [Fact]
    public void Should_read_the_bases_chunks_it_began_with_when_it_opens_them_only_after_the_completion()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        var first = Enumerable.Range(2, 8).Select(i => BaseFixture.Unit($"ZH33010610{i:D3}", "330106", UnitType.PriorityProtection, 1, 1, geometryBytes: 4000 * i)).ToList();
        BaseFixture.Take(store, "s1", first);
        var pushed = BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 11);
        store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = 10, ToRevision = 11, Units = { pushed } });
        var reader = new NodeUnitReader(database);

        var listed = new List<ByteString>();
        using (var listing = reader.Active(null, null, null).GetEnumerator())
        {
            // The first unit is a pushed one: no chunk of the base is open yet.
            Assert.True(listing.MoveNext());
            listed.Add(listing.Current.ToByteString());

            // The base replaced, its pages freed, and taken again by the next snapshot's chunks.
            BaseFixture.Take(store, "s2", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 2, 12, geometryBytes: 100)], asOf: 12);
            BaseFixture.Take(store, "s3", Enumerable.Range(1, 9).Select(i => BaseFixture.Unit($"ZH33010610{i:D3}", "330106", UnitType.PriorityProtection, 3, 13, geometryBytes: 5000 * i)).ToList(),
                asOf: 13, complete: false);

            while (listing.MoveNext())
            {
                listed.Add(listing.Current.ToByteString());
            }
        }

        Assert.Equal(first.Prepend(pushed), listed);
    }
}

/// <summary>
/// The index of the base is kept in memory for the snapshot it was read from; a reader whose read transaction began
/// before a completion reads the base it sees, and the index kept stays the newest base's.
/// </summary>
public sealed class When_a_reader_began_before_a_snapshot_completed
{
    [Fact]
    public void Should_keep_the_index_of_the_newest_base_for_the_readers_after_it()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 1)]);

        using var connection = database.Open();
        using var tx = connection.BeginTransaction(deferred: true);
        Assert.Equal("s1", connection.Scalar<string>(tx, "SELECT snapshot_id FROM node_base"));   // its read begins
        BaseFixture.Take(store, "s2", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 2, 2)]);
        BaseUnits newest;
        using (var after = database.Open())
        using (var afterTx = after.BeginTransaction(deferred: true))
        {
            newest = database.Base(after, afterTx);
        }

        // The old reader reads the base it sees (as a listing or digest begun before the completion does) ...
        Assert.Equal("s1", database.Base(connection, tx).SnapshotId);

        // ... and the readers after it should still find the newest base's index kept, not read it all again.
        using var later = database.Open();
        using var laterTx = later.BeginTransaction(deferred: true);
        Assert.Same(newest, database.Base(later, laterTx));
    }
}

/// <summary>A chunk with no units is in step (it moves nothing on), as it was when chunks were written as rows.</summary>
public sealed class When_a_snapshot_chunk_brings_no_units
{
    [Fact]
    public void Should_take_it_and_complete_the_snapshot()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = "s1", AsOfRevision = 1, Scope = "33" });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s1", AfterCode = "", Units = { BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 1) } });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s1", AfterCode = "ZH33010610001" });
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = "ZH33010610001" });

        Assert.Equal(["ZH33010610001"], new NodeUnitReader(database).Active(null, null, null).Select(u => u.Code));
    }
}

/// <summary>
/// The digest the hub verifies with is read from what is stored, to find what a faulty disk or a hand edit changed:
/// a base chunk damaged on disk gives a digest that differs (so the hub resyncs), not a failure to give one.
/// </summary>
public sealed class When_a_base_chunk_is_damaged_on_disk
{
    [Fact]
    public void Should_still_give_a_digest_that_differs()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = TwoUnitBase(data.Path);
        var before = store.Digest();
        Damage(database);

        var exception = Record.Exception(() => store.Digest());
        Assert.True(exception is null, $"Digest failed: {exception?.GetType().Name}: {exception?.Message}");
        Assert.NotEqual(before.Digest, store.Digest().Digest);
    }

    [Fact]
    public void Should_still_take_the_hubs_batches_after_a_restart()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        Damage(TwoUnitBase(data.Path).Database);

        SqliteConnection.ClearAllPools();
        var (_, restarted) = BaseFixture.Store(data.Path);
        var exception = Record.Exception(() => restarted.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = 10, ToRevision = 11,
            Units = { BaseFixture.Unit("ZH33010610003", "330106", UnitType.PriorityProtection, 1, 11) } }));
        Assert.True(exception is null, $"Apply failed: {exception?.GetType().Name}: {exception?.Message}");
    }

    static (NodeDatabase Database, NodeUnitStore Store) TwoUnitBase(string directory)
    {
        var (database, store) = BaseFixture.Store(directory);
        BaseFixture.Take(store, "s1", [
            BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 1),
            BaseFixture.Unit("ZH33010610002", "330106", UnitType.PriorityProtection, 1, 1)]);
        return (database, store);
    }

    /// <summary>One byte of the first unit's length (its third byte, little-endian) changed, in the base's file.</summary>
    static void Damage(NodeDatabase database)
    {
        using var connection = database.Open();
        var (snapshotId, number) = connection.Query(null, "SELECT snapshot_id, number FROM node_base WHERE id = 1", r => (r.GetString(0), r.GetInt64(1))).Single();
        var at = connection.Scalar<long>(null, "SELECT file_offset FROM base_chunks WHERE chunk = 1") + 2;
        using var file = new FileStream(database.Chunks.PathOf(number, snapshotId), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        file.Position = at;
        var damaged = (byte)(file.ReadByte() ^ 0x40);
        file.Position = at;
        file.WriteByte(damaged);
    }
}

/// <summary>
/// A snapshot a restart interrupted is resumed where the node stopped (its chunks numbered on from the ones stored)
/// or begun again under its id; either way its completion makes exactly its units the base.
/// </summary>
public sealed class When_a_snapshot_is_resumed_or_begun_again
{
    static ByteString U(int serial, int version, long revision) =>
        BaseFixture.Unit($"ZH3301061{serial:D4}", "330106", UnitType.PriorityProtection, version, revision, geometryBytes: 30 * serial + version);

    [Fact]
    public void Should_take_the_resumed_snapshot_whole_after_a_restart()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [U(1, 1, 1), U(2, 1, 1), U(3, 1, 1)]);
        var s2 = Enumerable.Range(1, 7).Select(i => U(i, 2, 5)).ToList();
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = "s2", AsOfRevision = 10, Scope = "33" });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s2", AfterCode = "", Units = { s2.Take(2) } });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s2", AfterCode = "ZH33010610002", Units = { s2.Skip(2).Take(2) } });

        SqliteConnection.ClearAllPools();
        var (database, restarted) = BaseFixture.Store(data.Path);
        var reader = new NodeUnitReader(database);
        Assert.Equal(["ZH33010610001", "ZH33010610002", "ZH33010610003"], reader.Active(null, null, null).Select(u => u.Code));
        Assert.Equal("ZH33010610004", restarted.Snapshot()!.LastCode);
        restarted.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s2", AfterCode = "ZH33010610004", Units = { s2.Skip(4).Take(2) } });
        restarted.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s2", AfterCode = "ZH33010610006", Units = { s2.Skip(6) } });
        restarted.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s2", LastCode = "ZH33010610007" });

        Assert.Equal(s2, reader.Active(null, null, null).Select(u => u.ToByteString()));
        Assert.All(s2, u => Assert.Equal(u, reader.Find(UnitRevision.Parser.ParseFrom(u).Code)!.ToByteString()));
        Assert.Equal(7, restarted.Count());

        SqliteConnection.ClearAllPools();
        var (again, _) = BaseFixture.Store(data.Path);
        Assert.Equal(s2, new NodeUnitReader(again).Active(null, null, null).Select(u => u.ToByteString()));
    }

    [Fact]
    public void Should_take_only_the_units_sent_since_it_was_begun_again_under_the_same_id()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [U(1, 1, 1), U(2, 1, 1), U(3, 1, 1), U(4, 1, 1)], complete: false);
        var again = new[] { U(2, 3, 3), U(5, 3, 3), U(6, 3, 3) };
        BaseFixture.Take(store, "s1", again, perChunk: 1);

        Assert.Equal(again, new NodeUnitReader(database).Active(null, null, null).Select(u => u.ToByteString()));
        Assert.Equal(3, store.Count());
    }
}

/// <summary>A node started under another scope, or whose store was removed while it ran, holds nothing of its base.</summary>
public sealed class When_a_nodes_base_is_dropped
{
    [Fact]
    public void Should_hold_nothing_of_it_under_another_scope()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 1),
            BaseFixture.Unit("ZH33010610002", "330106", UnitType.PriorityProtection, 1, 1)]);
        store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = 10, ToRevision = 11,
            Units = { BaseFixture.Unit("ZH33010610003", "330106", UnitType.PriorityProtection, 1, 11) } });
        BaseFixture.Take(store, "s2", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 1)], complete: false);

        SqliteConnection.ClearAllPools();
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "34", HubCredential = "c", DataDirectory = data.Path });
        var database = new NodeDatabase(options);
        var anhui = new NodeUnitStore(database, options);
        var reader = new NodeUnitReader(database);
        Assert.Empty(reader.Active(null, null, null));
        Assert.Null(reader.Find("ZH33010610001"));
        Assert.Equal((0L, 0L), (anhui.Count(), anhui.Digest().UnitCount));
        Assert.Null(anhui.Snapshot());
    }

    [Fact]
    public void Should_hold_nothing_of_it_once_its_store_is_removed_and_take_the_next()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, 1),
            BaseFixture.Unit("ZH33010610002", "330106", UnitType.PriorityProtection, 1, 1)]);
        var reader = new NodeUnitReader(database);
        Assert.Equal(2, reader.Active(null, null, null).Count());

        Directory.Delete(data.Path, recursive: true);

        Assert.Empty(reader.Active(null, null, null));
        Assert.Null(reader.Find("ZH33010610001"));
        Assert.Equal((0L, 0L), (store.Count(), store.Digest().UnitCount));
        var next = new[] { BaseFixture.Unit("ZH33010610002", "330106", UnitType.PriorityProtection, 2, 2) };
        BaseFixture.Take(store, "s2", next);
        Assert.Equal(next, reader.Active(null, null, null).Select(u => u.ToByteString()));
    }
}
