using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A snapshot's staging table is indexed by county as its chunks arrive and becomes the units table at completion,
/// index and all: after any number of snapshots, both tables have their county index, and county queries read it.
/// </summary>
public sealed class When_a_node_takes_snapshot_after_snapshot
{
    [Fact]
    public void Should_keep_a_county_index_on_its_units_and_on_the_staging_table()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, store) = Store(data.Path);
        for (var snapshot = 1; snapshot <= 3; snapshot++)
        {
            Take(store, $"s{snapshot}", snapshot, ["330106", "330108", "330109"]);

            using var connection = database.Open();
            Assert.Equal((true, true), (HasCountyIndex(connection, "units"), HasCountyIndex(connection, "snapshot_units")));
            Assert.Contains("USING INDEX", Plan(connection, "SELECT body FROM units WHERE retired = 0 AND county = '330108' ORDER BY code"));
        }

        var reader = new NodeUnitReader(database);
        Assert.Equal(["ZH33010810001"], reader.Active(null, "330108", null).Select(u => u.Code));
        Assert.Equal(3, reader.Active("33", null, null).Count());
    }

    [Fact]
    public void Should_index_the_staging_table_of_a_store_made_before_it_was_indexed()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (database, _) = Store(data.Path);
        using (var connection = database.Open())
        {
            connection.Execute(null, "DROP TABLE snapshot_units; CREATE TABLE snapshot_units (code TEXT PRIMARY KEY, revision INTEGER NOT NULL, county TEXT NOT NULL, "
                + "type INTEGER NOT NULL, version INTEGER NOT NULL, retired INTEGER NOT NULL, geometry BLOB, area REAL NOT NULL, content_hash TEXT NOT NULL, body BLOB NOT NULL)");
        }

        SqliteConnection.ClearAllPools();
        var (reopened, store) = Store(data.Path);
        Take(store, "s1", 1, ["330106"]);
        using var check = reopened.Open();
        Assert.Equal((true, true), (HasCountyIndex(check, "units"), HasCountyIndex(check, "snapshot_units")));
    }

    static void Take(NodeUnitStore store, string snapshotId, long revision, string[] counties)
    {
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = snapshotId, AsOfRevision = revision, Scope = "33" });
        var units = counties.Select(county => new UnitRevision
        {
            Revision = revision, Code = $"ZH{county}10001", County = county, Type = UnitType.PriorityProtection, Version = 1, ContentHash = "h",
        }.ToByteString());
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = snapshotId, AfterCode = "", Units = { units } });
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = snapshotId, LastCode = $"ZH{counties[^1]}10001" });
    }

    static bool HasCountyIndex(SqliteConnection connection, string table) =>
        connection.Query(null, $"SELECT name FROM pragma_index_list('{table}')", r => r.GetString(0))
            .Any(index => connection.Query(null, $"SELECT name FROM pragma_index_info('{index}')", r => r.GetString(0)).SequenceEqual(["county"]));

    static string Plan(SqliteConnection connection, string sql) =>
        string.Join("\n", connection.Query(null, $"EXPLAIN QUERY PLAN {sql}", r => r.GetString(3)));

    static (NodeDatabase, NodeUnitStore) Store(string directory)
    {
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "33", HubCredential = "c", DataDirectory = directory });
        var database = new NodeDatabase(options);
        return (database, new NodeUnitStore(database, options));
    }
}
