using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node whose own store fails (its disk full, its file unwritable) says so in its refusal: the hub shows the
/// node's words on the status API and retries, and the node catches up once its store takes writes again.
/// </summary>
public sealed class When_a_nodes_store_fails
{
    [Fact]
    public async Task Should_show_the_stores_failure_on_the_hub_and_catch_up_once_it_is_fixed()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var zhejiang = system.Province("33");

        // The store refuses every write of a unit, as SQLite refuses writes to a full disk.
        using (var store = zhejiang.Database.Open())
        {
            store.Execute(null, """
                CREATE TRIGGER units_refused BEFORE UPDATE ON units BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                CREATE TRIGGER units_refused_insert BEFORE INSERT ON units BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                """);
        }

        await system.SendAsync(ProvinceWorld.Edit(1, "33"));
        await system.Hub.SettledAsync((Sources.OneMap, ProvinceWorld.InitialSequence + 1));
        await Eventually.HoldsAsync(() => system.NodeStatus("zhejiang").GetProperty("lastError").GetString() is { } error
                && error.Contains("database or disk is full", StringComparison.Ordinal),
            () => $"the hub shows what the node's store said: {system.NodeStatus("zhejiang")}");
        var status = system.NodeStatus("zhejiang");
        Assert.Equal("retrying", status.GetProperty("state").GetString());
        Assert.StartsWith("Internal: node zhejiang's store failed:", status.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        using (var store = zhejiang.Database.Open())
        {
            store.Execute(null, "DROP TRIGGER units_refused; DROP TRIGGER units_refused_insert;");
        }

        await system.AllVerifiedAsync();
        Assert.Equal(system.Hub.HeadRevision(), zhejiang.Acknowledged());
    }
}
