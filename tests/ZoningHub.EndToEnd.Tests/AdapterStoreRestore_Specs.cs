using Microsoft.Data.Sqlite;
using ZoningHub.Adapters.Kit;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// An adapter whose store is put back from a backup numbers again from where the backup stood. Each number it gave next
/// the hub had applied with other content: every change it published was refused as a reused number (an integrity
/// alarm, kept as evidence), until its own count passed the hub's, and even then its diffs were taken against a state
/// the hub had left behind. It now learns where the hub stands and sends each layer whole once.
/// </summary>
[Collection(RealBroker.Name)]
public class When_an_adapters_store_is_put_back_from_a_backup(RabbitMqBroker broker)
{
    const string Stream = "natural-resources.one-map";
    const string Layer = "ecological-redline";

    [Fact]
    public async Task Should_number_on_after_the_hub_and_bring_it_to_the_departments_exports()
    {
        await using var system = await ZoningHubSystem.StartAsync(await broker.CreateVirtualHostAsync("adapter-restored"));
        // The department overwrites one export file, as many systems do: what the backup knew is not in the inbox any more.
        system.DropExport(Layer, "redlines.geojson", RedlineExports.Version(1));
        await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == 1, "the hub applies #1");
        var backup = system.AdapterStateDirectory + "-backup";
        await system.StopAdapterAsync();
        SqliteConnection.ClearAllPools();
        ZoningHubSystem.CopyFiles(system.AdapterStateDirectory, backup);
        await system.StartAdapterAsync();

        for (var version = 2; version <= 3; version++)
        {
            system.DropExport(Layer, "redlines.geojson", RedlineExports.Version(version));
            await Eventually.HoldsAsync(() => system.HubStream(Stream).LastSequence == version, $"the hub applies #{version}");
        }

        await system.StopAdapterAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(system.AdapterStateDirectory, recursive: true);
        ZoningHubSystem.CopyFiles(backup, system.AdapterStateDirectory);
        await system.StartAdapterAsync();

        await Eventually.HoldsAsync(() => Adapter(system).Store.Position().LastSequence > 3 && !Adapter(system).Store.LayersToSendWhole().ContainsKey(Layer),
            () => $"the adapter numbers on after the hub's #3 and sends the layer whole (adapter {Adapter(system).Store.Position()}, hub {system.HubStream(Stream)})", seconds: 60);
        system.DropExport(Layer, "redlines.geojson", RedlineExports.Version(4));
        await Eventually.HoldsAsync(() => Adapter(system).Store.Position() is { Depth: 0 } position && system.HubStream(Stream).LastSequence == position.LastSequence,
            () => $"the hub applies everything the adapter numbered since (adapter {Adapter(system).Store.Position()}, hub {system.HubStream(Stream)})", seconds: 60);

        var published = Adapter(system).Store.Published(Layer);
        Assert.Equal(published.ToDictionary(p => p.Key, p => p.Value[..16]).OrderBy(p => p.Key, StringComparer.Ordinal),
            system.HubFeatures(Layer).OrderBy(p => p.Key, StringComparer.Ordinal));
        // The export the restored adapter first took, diffed against the backup's state under a reused number, is kept as evidence.
        var quarantine = await system.GetJsonAsync("/api/quarantine");
        Assert.Contains("integrity.sequence-reused", quarantine.GetRawText(), StringComparison.Ordinal);
    }

    static DepartmentAdapter Adapter(ZoningHubSystem system) => system.Adapter.Service<AdapterRegistry>().All[0];
}
