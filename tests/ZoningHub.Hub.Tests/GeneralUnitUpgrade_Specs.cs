using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Store;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §3: a code is never reused and a unit keeps it while its anchor stays; the general unit's anchor is the county.
/// Stores of the last version held it under the boundary feature's key.
/// </summary>
public sealed class When_a_store_of_the_last_version_knows_general_units_by_their_boundary_features_id
{
    const string Renamed = "330106|3|admin-division/A";
    const string CountysOwn = "330106|3|admin-division/330106";

    [Fact]
    public async Task Should_keep_each_general_units_code_through_the_upgrade()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        string code;
        await using (var hub = await HubHost.StartAsync(data.Path))
        {
            await hub.SendAndTakeAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, Upsert("A", Box(120, 30, 121, 31), ("county", "330106"))));
            await hub.SettledAsync((OneMap, 1));
            code = Assert.Single(hub.ActiveUnits()).Code;
        }

        // What the last version wrote for a county whose boundary was first published under its code, then re-keyed
        // to "A": the unit in force under A's key, and a retired one under the key that is the county's now.
        using (var connection = Store(data.Path).Open())
        {
            Execute(connection, $"""
                UPDATE unit_registry SET identity = '{Renamed}' WHERE code = '{code}';
                UPDATE units SET identity = '{Renamed}' WHERE code = '{code}';
                INSERT INTO unit_registry (identity, code, county, type, serial) VALUES ('{CountysOwn}', 'ZH33010630099', '330106', 3, 99);
                INSERT INTO units (code, identity, county, type, version, revision, retired, content_hash)
                VALUES ('ZH33010630099', '{CountysOwn}', '330106', 3, 2, 0, 1, 'retired');
                """);
        }

        SqliteConnection.ClearAllPools();
        await using (var upgraded = await HubHost.StartAsync(data.Path))
        {
            await upgraded.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.2, 30.2, 120.4, 30.4))));
            await upgraded.SettledAsync((OneMap, 2));

            var general = Assert.Single(upgraded.ActiveUnits(), u => u.Type == Core.Derivation.UnitType.GeneralControl);
            Assert.Equal(code, general.Code);
            Assert.Equal(CountysOwn, general.Identity);
        }
    }

    static HubDatabase Store(string path) => new(Options.Create(new HubOptions { DataDirectory = path, PushCredential = "x" }));

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
