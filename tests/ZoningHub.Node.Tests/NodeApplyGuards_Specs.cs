using Google.Protobuf;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node only receives its scope (DESIGN §5, authority): a batch or snapshot that brings a unit of another province is
/// refused whole, so a hub configured wrongly cannot fill a provincial node with units it must not hold.
/// </summary>
public sealed class When_a_push_brings_a_unit_outside_the_nodes_scope
{
    [Fact]
    public void Should_refuse_the_batch_and_take_none_of_it()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, revision: 1)], asOf: 1);

        var refused = Assert.Throws<PushRefusedException>(() => store.Apply(Batch(1, 2,
            BaseFixture.Unit("ZH33010810001", "330108", UnitType.PriorityProtection, 1, revision: 2),
            BaseFixture.Unit("ZH34010210001", "340102", UnitType.PriorityProtection, 1, revision: 2))));

        Assert.Equal(PushRefusal.OutOfScope, refused.Reason);
        Assert.Equal((1L, 1L), (store.AcknowledgedRevision(), store.Count()));
    }

    [Fact]
    public void Should_refuse_a_snapshot_of_another_scope()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);

        var refused = Assert.Throws<PushRefusedException>(() => store.BeginSnapshot(
            new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = "s1", AsOfRevision = 1, Scope = "34" }));

        Assert.Equal(PushRefusal.OutOfScope, refused.Reason);
        Assert.Null(store.Snapshot());
    }

    internal static ApplyUnitsRequest Batch(long from, long to, params ByteString[] units) =>
        new() { HubId = "hub", LogId = "log", FromRevision = from, ToRevision = to, Units = { units } };
}

/// <summary>
/// Every apply is idempotent and the acknowledgement only moves forward (DESIGN §5, nodes converge): a batch the hub
/// sends again after the node took it, say because the acknowledgement was lost, changes nothing, and the node does not
/// report a lower revision that would make the hub push the log again from there.
/// </summary>
public sealed class When_a_node_is_sent_a_batch_it_has_taken_already
{
    [Fact]
    public void Should_apply_nothing_of_it_and_keep_its_acknowledged_revision()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);
        BaseFixture.Take(store, "s1", [BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, revision: 1)], asOf: 1);
        var first = When_a_push_brings_a_unit_outside_the_nodes_scope.Batch(1, 2, BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 2, revision: 2));
        var second = When_a_push_brings_a_unit_outside_the_nodes_scope.Batch(2, 3, BaseFixture.Unit("ZH33010810001", "330108", UnitType.PriorityProtection, 1, revision: 3));
        store.Apply(first);
        store.Apply(second);
        var digest = store.Digest().Digest;

        var again = store.Apply(first);

        Assert.Equal((3L, 0, 1), again);
        Assert.Equal(3L, store.AcknowledgedRevision());
        Assert.Equal(digest, store.Digest().Digest);
    }
}

/// <summary>
/// A snapshot's units come in ascending code order, each code once (contracts: zoninghub.push.v1): a chunk that repeats
/// the code it follows is out of step, not a second copy of the unit that the base would then hold twice.
/// </summary>
public sealed class When_a_snapshot_chunk_repeats_a_code
{
    [Fact]
    public void Should_refuse_it_as_out_of_step()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var (_, store) = BaseFixture.Store(data.Path);
        store.BeginSnapshot(new BeginSnapshotRequest { HubId = "hub", LogId = "log", SnapshotId = "s1", AsOfRevision = 1, Scope = "33" });
        store.ApplySnapshotChunk(new SnapshotChunk { SnapshotId = "s1", AfterCode = "", Units = { BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 1, revision: 1) } });

        var refused = Assert.Throws<PushRefusedException>(() => store.ApplySnapshotChunk(new SnapshotChunk
        {
            SnapshotId = "s1", AfterCode = "ZH33010610001", Units = { BaseFixture.Unit("ZH33010610001", "330106", UnitType.PriorityProtection, 2, revision: 1) },
        }));

        Assert.Equal(PushRefusal.SnapshotOutOfStep, refused.Reason);
        Assert.Equal(1L, store.Snapshot()!.UnitsReceived);
    }
}
