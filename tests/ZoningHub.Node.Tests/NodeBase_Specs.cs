using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node keeps its last snapshot as it came, in chunks (its base), and the units pushed since in the units table,
/// each standing for the base's unit with its code: every read, digest and count sees the two as one set of units.
/// </summary>
public sealed class When_units_are_pushed_after_a_snapshot
{
    [Fact]
    public void Should_list_find_and_count_each_unit_once_in_its_latest_version()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [Unit("330106", 1, revision: 5), Unit("330108", 1, revision: 5), Unit("330109", 1, revision: 5), Unit("330110", 1, revision: 5)]);
        var reader = new NodeUnitReader(database);

        var (applied, ignored) = Apply(store, 5, 7,
            Unit("330108", 2, revision: 6),                 // a newer version
            Unit("330109", 2, revision: 7, retired: true),  // retired
            Unit("330107", 1, revision: 7),                 // new, between two of the base
            Unit("330110", 1, revision: 4));                // older than the base's, redelivered
        Assert.Equal((3, 1), (applied, ignored));

        Assert.Equal([("ZH33010610001", 1), ("ZH33010710001", 1), ("ZH33010810001", 2), ("ZH33011010001", 1)],
            reader.Active(null, null, null).Select(u => (u.Code, u.Version)));
        Assert.Equal(["ZH33010810001"], reader.Active(null, "330108", null).Select(u => u.Code));
        Assert.Equal(2, reader.Find("ZH33010810001")!.Version);
        Assert.True(reader.Find("ZH33010910001")!.Retired);
        Assert.Equal(5, reader.Find("ZH33011010001")!.Revision);
        Assert.Null(reader.Find("ZH33010510001"));
        Assert.Equal(4, store.Count());
        Assert.Equal(5L, store.Digest().UnitCount);

        // Pages run across the two in code order.
        var pages = new List<string>();
        for (var after = (string?)null; ;)
        {
            var page = reader.Active("33", null, null, new UnitPage(after, 1)).Select(u => u.Code).ToList();
            pages.Add(page[0]);
            if (page.Count == 1)
            {
                break;
            }

            after = page[0];
        }

        Assert.Equal(reader.Active(null, null, null).Select(u => u.Code), pages);
    }

    [Fact]
    public void Should_digest_as_a_node_holding_the_same_units_from_one_snapshot()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(Path.Combine(data.Path, "pushed"));
        BaseFixture.Take(store, "s1", [Unit("330106", 1, revision: 1), Unit("330108", 1, revision: 1)]);
        Apply(store, 1, 2, Unit("330108", 2, revision: 2), Unit("330109", 1, revision: 2));
        var (_, whole) = BaseFixture.Store(Path.Combine(data.Path, "whole"));
        BaseFixture.Take(whole, "s2", [Unit("330106", 1, revision: 1), Unit("330108", 2, revision: 2), Unit("330109", 1, revision: 2)]);

        Assert.Equal(whole.Digest().Digest, store.Digest().Digest);
    }

    [Fact]
    public void Should_leave_none_of_them_once_the_next_snapshot_is_taken()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [Unit("330106", 1, revision: 1), Unit("330108", 1, revision: 1)]);
        Apply(store, 1, 2, Unit("330109", 1, revision: 2));

        BaseFixture.Take(store, "s2", [Unit("330106", 3, revision: 3)]);

        Assert.Equal([("ZH33010610001", 3)], new NodeUnitReader(database).Active(null, null, null).Select(u => (u.Code, u.Version)));
        using var connection = database.Open();
        Assert.Equal(0L, connection.Scalar<long>(null, "SELECT COUNT(*) FROM units"));
    }

    static (int Applied, int Ignored) Apply(NodeUnitStore store, long from, long to, params ByteString[] units)
    {
        var (_, applied, ignored) = store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = from, ToRevision = to, Units = { units } });
        return (applied, ignored);
    }

    internal static ByteString Unit(string county, int version, long revision, bool retired = false) => new UnitRevision
    {
        Revision = revision, Code = $"ZH{county}10001", County = county, Type = UnitType.PriorityProtection, Version = version,
        Retired = retired, ContentHash = $"h{county}-{version}", GeometryWkb = ByteString.CopyFrom(new byte[100 * version]),
    }.ToByteString();
}

/// <summary>
/// The index of a node's base is kept in memory, built as the snapshot's chunks are taken; a node restarted before
/// completing one, or after, reads it from the chunks stored.
/// </summary>
public sealed class When_a_node_restarts_around_a_snapshot
{
    static readonly string[] Counties = ["330106", "330107", "330108"];

    [Fact]
    public void Should_read_the_base_from_its_chunks_when_it_completes_a_snapshot_it_began_before()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var units = Counties.Select(c => When_units_are_pushed_after_a_snapshot.Unit(c, 1, revision: 1)).ToArray();
        var (_, before) = BaseFixture.Store(data.Path);
        BaseFixture.Take(before, "s1", units, complete: false);

        SqliteConnection.ClearAllPools();
        var (database, store) = BaseFixture.Store(data.Path);
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = "ZH33010810001" });

        Assert.Equal(["ZH33010610001", "ZH33010710001", "ZH33010810001"], new NodeUnitReader(database).Active(null, null, null).Select(u => u.Code));
        Assert.Equal(3, store.Count());
    }

    [Fact]
    public void Should_serve_the_same_units_and_digest_after_a_restart()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var units = Counties.Select(c => When_units_are_pushed_after_a_snapshot.Unit(c, 2, revision: 1)).ToArray();
        var (database, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", units);
        var listed = new NodeUnitReader(database).Active(null, null, null).Select(u => u.ToByteString()).ToList();

        SqliteConnection.ClearAllPools();
        var (reopened, restarted) = BaseFixture.Store(data.Path);

        Assert.Equal(units, listed);
        Assert.Equal(listed, new NodeUnitReader(reopened).Active(null, null, null).Select(u => u.ToByteString()));
        Assert.Equal(store.Digest(), restarted.KeptDigest());
    }
}

/// <summary>
/// Stores from before bases held every unit in the units table and staged a snapshot in a table of units: they open
/// with their units as they were, a half-taken snapshot is dropped (the hub sends it again), and the next is a base.
/// </summary>
public sealed class When_a_node_opens_a_store_from_before_bases
{
    [Fact]
    public void Should_keep_its_units_drop_the_staged_snapshot_and_take_the_next_as_its_base()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, _) = BaseFixture.Store(data.Path);
        using (var connection = database.Open())
        {
            // The shape of such a store: its units' county index under the second name the staging table's took turns with.
            connection.Execute(null, """
                DROP INDEX units_county;
                CREATE INDEX units_county_b ON units (county);
                CREATE TABLE snapshot_units (code TEXT PRIMARY KEY, revision INTEGER NOT NULL, county TEXT NOT NULL, type INTEGER NOT NULL,
                    version INTEGER NOT NULL, retired INTEGER NOT NULL, geometry BLOB, area REAL NOT NULL, content_hash TEXT NOT NULL, body BLOB NOT NULL);
                INSERT INTO snapshot (id, snapshot_id, log_id, as_of_revision, last_code, units_received, started_at) VALUES (1, 'old', 'log', 3, 'ZH33010610001', 1, '');
                UPDATE node_log SET log_id = 'log'; UPDATE node_state SET acknowledged_revision = 2;
                """);
            var unit = UnitRevision.Parser.ParseFrom(When_units_are_pushed_after_a_snapshot.Unit("330106", 1, revision: 2));
            connection.Execute(null, "INSERT INTO units (code, revision, county, type, version, retired, area, content_hash, body) VALUES ($c, 2, '330106', 1, 1, 0, 0, $h, $b)",
                ("$c", unit.Code), ("$h", unit.ContentHash), ("$b", unit.ToByteArray()));
            connection.Execute(null, "DROP TABLE base_chunks; DROP TABLE snapshot_chunks; DROP TABLE node_base");
        }

        SqliteConnection.ClearAllPools();
        var (reopened, store) = BaseFixture.Store(data.Path);
        var reader = new NodeUnitReader(reopened);
        Assert.Null(store.Snapshot());
        Assert.Equal(["ZH33010610001"], reader.Active(null, "330106", null).Select(u => u.Code));
        using (var connection = reopened.Open())
        {
            Assert.Equal(0L, connection.Scalar<long>(null, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'snapshot_units'"));
            Assert.Contains("USING INDEX units_county_b", Plan(connection, "SELECT body FROM units WHERE retired = 0 AND county = '330106' ORDER BY code"));
        }

        BaseFixture.Take(store, "s2", [When_units_are_pushed_after_a_snapshot.Unit("330108", 1, revision: 3)]);
        Assert.Equal(["ZH33010810001"], reader.Active(null, null, null).Select(u => u.Code));
    }

    static string Plan(SqliteConnection connection, string sql) =>
        string.Join("\n", connection.Query(null, $"EXPLAIN QUERY PLAN {sql}", r => r.GetString(3)));
}
