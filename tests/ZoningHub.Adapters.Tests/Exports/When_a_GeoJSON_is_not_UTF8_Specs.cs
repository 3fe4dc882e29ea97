using System.Text;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Tests.Inbox;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// GeoJSON is UTF-8 (RFC 7946, section 11), but Java before 18 and Python 2 on a Chinese Windows server write GBK
/// unless told otherwise. Read as UTF-8 its Chinese text became U+FFFD, published without a word.
/// </summary>
public sealed class When_a_GeoJSON_is_not_UTF8 : IDisposable
{
    const string Text = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"HX-1","HXMC":"千岛湖红线","XZQDM":"330127"},
         "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6],[119.15,29.6],[119.15,29.65],[119.1,29.6]]]}}]}
        """;

    readonly TemporaryInbox _inbox = new();

    [Fact]
    public void Should_refuse_it_saying_it_looks_like_GBK_and_keep_the_reason()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var adapter = _inbox.Adapter();

        var outcome = adapter.TakeExport(TemporaryInbox.Layer, "redline.geojson", "redline.geojson", Encoding.GetEncoding(936).GetBytes(Text));

        Assert.Empty(adapter.Store.Unpublished(10));
        Assert.Contains("must be UTF-8 (RFC 7946)", outcome.RefusedBecause, StringComparison.Ordinal);
        Assert.Contains("looks like GBK", outcome.RefusedBecause, StringComparison.Ordinal);
        Assert.Equal(outcome.RefusedBecause, Assert.Single(adapter.Store.RefusedExports(5)).Reason);
    }

    [Fact]
    public void Should_still_take_one_cut_short_inside_a_character_as_cut_short()
    {
        var utf8 = Encoding.UTF8.GetBytes(Text);
        var insideName = Encoding.UTF8.GetByteCount(Text[..Text.IndexOf('岛', StringComparison.Ordinal)]) + 1;

        Assert.Throws<ExportCutShortException>(() => ExportReader.Read("redline.geojson", utf8.AsSpan(0, insideName), Redline));
    }

    public void Dispose() => _inbox.Dispose();
}
