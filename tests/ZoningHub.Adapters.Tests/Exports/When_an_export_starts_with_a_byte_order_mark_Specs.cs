using System.Text;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Tests.Inbox;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// UTF-8 with a byte order mark, as .NET's Encoding.UTF8 writers, PowerShell 5's <c>Out-File -Encoding UTF8</c>, Python's
/// utf-8-sig and Notepad write it: the same text. It was read as cut short and refused after CutShortWait.
/// </summary>
public sealed class When_an_export_starts_with_a_byte_order_mark : IDisposable
{
    const string Text = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"HX-1","HXMC":"千岛湖红线","XZQDM":"330127"},
         "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6],[119.15,29.6],[119.15,29.65],[119.1,29.6]]]}}]}
        """;

    static byte[] WithBom => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Text)];

    readonly TemporaryInbox _inbox = new();

    [Fact]
    public void Should_read_a_GeoJSON_as_if_it_had_none()
    {
        var features = ExportReader.Read("redline.geojson", WithBom, Redline);

        Assert.Equal("千岛湖红线", Assert.Single(features).Properties["name"].GetString());
        Assert.Equal(Assert.Single(ExportReader.Read("redline.geojson", Encoding.UTF8.GetBytes(Text), Redline)).Hash, features[0].Hash);
    }

    [Fact]
    public async Task Should_take_a_GeoJSON_dropped_into_the_inbox_at_once()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        _inbox.Drop("redline.geojson", WithBom);

        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1,
            () => "taken, not waited for as cut short: "
                  + adapter.TakeExport(TemporaryInbox.Layer, "probe", "redline.geojson", WithBom).RefusedBecause, seconds: 5);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Should_read_a_Shapefile_whose_cpg_has_one()
    {
        // "UTF-8" typed into Notepad and saved as UTF-8: decoded as ASCII first, the mark's three bytes were "???".
        var zip = WithPart(Bytes("redline-4549-utf8.zip"), ".cpg", _ => [0xEF, 0xBB, 0xBF, .. "UTF-8"u8]);

        Assert.Equal("千岛湖饮用水水源保护红线", Assert.Single(ExportReader.Read("redline.zip", zip, Redline), f => f.Id == "HX330127001").Properties["name"].GetString());
    }

    public void Dispose() => _inbox.Dispose();
}
