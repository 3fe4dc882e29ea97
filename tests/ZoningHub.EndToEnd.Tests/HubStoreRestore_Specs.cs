using Microsoft.Data.Sqlite;
using ZoningHub.Adapters.Kit;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// DESIGN §5, nothing lost: a hub whose store is put back as a backup had it (or whose write-ahead log was lost) no longer
/// holds the change sets applied since, which its adapters have had confirmed and will not send again by themselves. The
/// hub learns of a gap only from a later change set: a department that exports nothing for a week leaves the hub, its
/// units and every node a week behind, with nothing held and no gap shown.
/// </summary>
[Collection(RealBroker.Name)]
public class When_the_hubs_store_is_put_back_while_its_adapters_are_idle(RabbitMqBroker broker)
{
    const string Stream = "natural-resources.one-map";
    const string Layer = "ecological-redline";

    [Fact]
    public async Task Should_ask_the_adapters_for_what_they_published_after_the_store_it_started_with()
    {
        await using var system = await ZoningHubSystem.StartAsync(await broker.CreateVirtualHostAsync("restored"));
        system.DropExport(Layer, "redlines-1.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 1, "the hub applies #1");
        var backup = system.HubStateDirectory + "-backup";
        await system.StopHubAsync();
        SqliteConnection.ClearAllPools();
        ZoningHubSystem.CopyFiles(system.HubStateDirectory, backup);
        await system.StartHubAsync();

        for (var version = 2; version <= 3; version++)
        {
            system.DropExport(Layer, $"redlines-{version}.geojson", RedlineExports.Version(version));
            await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == version, $"the hub applies #{version}");
        }

        // The hub's store is put back as the backup had it; the department exports nothing more.
        await system.StopHubAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(system.HubStateDirectory, recursive: true);
        ZoningHubSystem.CopyFiles(backup, system.HubStateDirectory);
        await system.StartHubAsync();
        Assert.Equal(1, system.HubStream(Stream).LastSequence);

        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 3,
            () => $"the restarted hub gets back #2 and #3, which the adapter had published and the broker confirmed (hub {system.HubStream(Stream)}, "
                  + $"adapter {system.Adapter.Service<AdapterRegistry>().All[0].Store.Position()})", seconds: 60);
        var published = system.Adapter.Service<AdapterRegistry>().All[0].Store.Published(Layer);
        Assert.Equal(published.ToDictionary(p => p.Key, p => p.Value[..16]).OrderBy(p => p.Key, StringComparer.Ordinal),
            system.HubFeatures(Layer).OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
