using Google.Protobuf;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Node.Store;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>A node's store is of one scope: started under another, it holds nothing of the old one and asks for a snapshot.</summary>
public sealed class When_a_nodes_scope_is_changed
{
    [Fact]
    public void Should_drop_the_old_scopes_units_and_its_log_so_the_hub_sends_a_snapshot()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var zhejiang = Store("33", data.Path);
        zhejiang.Apply(new ApplyUnitsRequest
        {
            HubId = "hub", FromRevision = 0, ToRevision = 1,
            Units = { new UnitRevision { Revision = 1, Code = "ZH33010610001", County = "330106", Type = UnitType.PriorityProtection, Version = 1, ContentHash = "h" }.ToByteString() },
        });
        Assert.Equal(1, zhejiang.Count());

        var sameScope = Store("33", data.Path);
        Assert.Equal((1L, 1L), (sameScope.Count(), sameScope.AcknowledgedRevision()));

        var anhui = Store("34", data.Path);
        Assert.Equal((0L, 0L, ""), (anhui.Count(), anhui.AcknowledgedRevision(), anhui.Position().LogId));
    }

    static NodeUnitStore Store(string scope, string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var options = Options.Create(new NodeOptions { Id = "node", Scope = scope, HubCredential = "c", DataDirectory = directory });
        return new NodeUnitStore(new NodeDatabase(options), options);
    }
}

/// <summary>
/// A node whose data folder is removed while it runs must not acknowledge into the removed file (its pooled
/// connections would, and a restart would find nothing): it starts over empty, and the hub sends a snapshot.
/// </summary>
public sealed class When_a_nodes_data_folder_is_removed_while_it_runs
{
    [Fact]
    public void Should_start_over_in_a_new_store_and_acknowledge_only_what_is_on_disk()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        var store = Store(data.Path);
        store.Apply(Batch(1));
        Assert.Equal(1, store.AcknowledgedRevision());

        Directory.Delete(data.Path, recursive: true);

        Assert.Equal(PushRefusal.Gap, Assert.Throws<PushRefusedException>(() => store.Apply(Batch(2))).Reason);
        Assert.True(File.Exists(Path.Combine(data.Path, "node", "node.db")), "the store is made again where it was");
        Assert.Equal((0L, 0L), (store.AcknowledgedRevision(), store.Count()));
        Assert.Equal((0L, 0L), (Store(data.Path).AcknowledgedRevision(), Store(data.Path).Count()));
    }

    static ApplyUnitsRequest Batch(long revision) => new()
    {
        HubId = "hub", FromRevision = revision - 1, ToRevision = revision,
        Units = { new UnitRevision { Revision = revision, Code = $"ZH3301061000{revision}", County = "330106", Type = UnitType.PriorityProtection, Version = 1, ContentHash = "h" }.ToByteString() },
    };

    static NodeUnitStore Store(string directory)
    {
        var options = Options.Create(new NodeOptions { Id = "node", Scope = "33", HubCredential = "c", DataDirectory = directory });
        return new NodeUnitStore(new NodeDatabase(options), options);
    }
}
