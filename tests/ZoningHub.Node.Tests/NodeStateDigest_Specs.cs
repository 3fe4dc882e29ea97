using Google.Protobuf;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node's digest reads every unit it holds, and /api/state shows it at each look: there it is kept for the state it
/// was taken at (hub log, acknowledged revision, snapshots completed), and taken again when any of them moves; the hub
/// verifies with one read afresh.
/// </summary>
public sealed class When_a_nodes_state_is_looked_at_again_and_again
{
    [Fact]
    public void Should_read_the_units_for_its_digest_only_when_what_the_node_holds_has_moved()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "33", HubCredential = "c", DataDirectory = data.Path });
        var database = new NodeDatabase(options);
        var store = new NodeUnitStore(database, options);
        Snapshot(store, "s1", Unit("ZH33010610001", 1), Unit("ZH33010610002", 2));
        var first = store.KeptDigest();
        Assert.Equal(2, store.Count());

        // Behind the store's back, as no batch or snapshot can: a digest that is kept does not see it, the one the hub
        // verifies with does, and is kept from then on.
        Tamper(database);
        Assert.Equal(first, store.KeptDigest());
        Assert.Equal(2, store.Count());
        var verified = store.Digest();
        Assert.NotEqual(first, verified);
        Assert.Equal(verified, store.KeptDigest());

        store.Apply(new ApplyUnitsRequest { HubId = "hub", LogId = "log", FromRevision = 2, ToRevision = 3, Units = { Unit("ZH33010610003", 3) } });
        var applied = store.KeptDigest();
        // The snapshot's two units went with its chunk.
        Assert.Equal((3L, 1L), (applied.Revision, applied.UnitCount));
        Assert.Equal(Fresh(database, options), applied.Digest);

        // A resync after a mismatch may replace the units as of the very revision and log the node held.
        Snapshot(store, "s2", Unit("ZH33010610001", 1), Unit("ZH33010610002", 2), Unit("ZH33010610003", 3));
        Assert.Equal(Fresh(database, options), store.KeptDigest().Digest);
        Assert.NotEqual(applied.Digest, store.KeptDigest().Digest);
    }

    [Fact]
    public void Should_read_only_the_snapshots_it_shows()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "33", HubCredential = "c", DataDirectory = data.Path });
        var store = new NodeUnitStore(new NodeDatabase(options), options);
        for (var i = 1; i <= 3; i++)
        {
            Snapshot(store, $"s{i}", Unit("ZH33010610001", i));
        }

        Assert.Equal(["s3", "s2"], store.SnapshotsTaken(newest: 2).Select(s => s.SnapshotId));
        Assert.Equal(3, store.SnapshotsTaken().Count);
    }

    static void Snapshot(NodeUnitStore store, string id, params ByteString[] units)
    {
        var last = UnitRevision.Parser.ParseFrom(units[^1]);
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = id, AsOfRevision = last.Revision, Scope = "33" });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = id, AfterCode = "", Units = { units } });
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = id, LastCode = last.Code });
    }

    static void Tamper(NodeDatabase database)
    {
        using var connection = database.Open();
        // The units came in a snapshot, so they are its chunks: one of them lost.
        Assert.Equal(1, connection.Execute(null, "DELETE FROM base_chunks WHERE chunk = 1"));
    }

    /// <summary>The digest as a store with nothing kept reads it.</summary>
    static string Fresh(NodeDatabase database, IOptions<NodeOptions> options) => new NodeUnitStore(database, options).Digest().Digest;

    static ByteString Unit(string code, long revision) => new UnitRevision
    {
        Revision = revision, Code = code, County = "330106", Type = UnitType.PriorityProtection, Version = (int)revision, ContentHash = $"h{revision}",
    }.ToByteString();
}
