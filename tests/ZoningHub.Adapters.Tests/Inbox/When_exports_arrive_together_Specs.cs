using ZoningHub.Testing;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>Of two exports of a layer found at once, the newer is taken last, whatever their names: it is what the layer is now.</summary>
public sealed class When_exports_arrive_together : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public async Task Should_take_them_oldest_first_not_by_name()
    {
        Directory.CreateDirectory(_inbox.Folder);
        // Named so that by name the newer, r-10, would come first and be overwritten by the older r-9.
        Write("r-9.geojson", "HX-9", DateTime.UtcNow.AddMinutes(-2));
        Write("r-10.geojson", "HX-10", DateTime.UtcNow.AddMinutes(-1));

        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "both taken");

        Assert.Equal(["HX-10"], adapter.Store.Published(TemporaryInbox.Layer).Keys);
        await watcher.StopAsync(CancellationToken.None);
    }

    void Write(string name, string id, DateTime written)
    {
        var path = Path.Combine(_inbox.Folder, name);
        File.WriteAllText(path, $$$"""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"{{{id}}}","HXMC":"红线","XZQDM":"330127"},
             "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6],[119.15,29.6],[119.15,29.65],[119.1,29.6]]]}}]}
            """);
        File.SetLastWriteTimeUtc(path, written);
    }

    public void Dispose() => _inbox.Dispose();
}
