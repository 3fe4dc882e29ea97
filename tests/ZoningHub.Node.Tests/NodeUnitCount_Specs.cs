using Google.Protobuf;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>The active-unit count the hub polls every 2 s is kept between polls, and follows every batch and snapshot.</summary>
public sealed class When_the_hub_polls_a_nodes_unit_count
{
    [Fact]
    public void Should_count_what_the_node_holds_after_each_batch_snapshot_and_redelivery()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "33", HubCredential = "c", DataDirectory = data.Path });
        var store = new NodeUnitStore(new NodeDatabase(options), options);
        Assert.Equal(0, store.Count());

        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = "s1", AsOfRevision = 2, Scope = "33" });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s1", AfterCode = "", Units = { Unit("ZH33010610001", 1), Unit("ZH33010610002", 2) } });
        Assert.Equal(0, store.Count());
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s1", LastCode = "ZH33010610002" });
        Assert.Equal(2, store.Count());

        store.Apply(Batch(2, 3, Unit("ZH33010610003", 3)));
        Assert.Equal(3, store.Count());
        store.Apply(Batch(3, 4, Unit("ZH33010610001", 4, retired: true)));
        Assert.Equal(2, store.Count());
        store.Apply(Batch(2, 4, Unit("ZH33010610003", 3), Unit("ZH33010610001", 4, retired: true)));
        Assert.Equal(2, store.Count());

        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log-2", SnapshotId = "s2", AsOfRevision = 1, Scope = "33" });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s2", AfterCode = "", Units = { Unit("ZH33010610009", 1) } });
        store.CompleteSnapshot(new CompleteSnapshotRequest { SnapshotId = "s2", LastCode = "ZH33010610009" });
        Assert.Equal(1, store.Count());
    }

    static ApplyUnitsRequest Batch(long from, long to, params ByteString[] units) =>
        new() { HubId = "hub", LogId = "log", FromRevision = from, ToRevision = to, Units = { units } };

    static ByteString Unit(string code, long revision, bool retired = false) => new UnitRevision
    {
        Revision = revision, Code = code, County = "330106", Type = UnitType.PriorityProtection, Version = (int)revision, Retired = retired, ContentHash = $"h{revision}",
    }.ToByteString();
}
