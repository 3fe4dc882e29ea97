using System.Globalization;
using System.Text;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// A GeoJSON export in longitude/latitude was hashed as the text it was written in, so the same numbers written another
/// way (a trailing zero, the 17 digits a round trip through a double gives) were a change of every feature: a new
/// version of each, and of every unit anchored on it, pushed to every node.
/// </summary>
public sealed class When_an_export_writes_the_same_numbers_differently : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public void Should_publish_nothing()
    {
        var adapter = _inbox.Adapter();
        adapter.TakeExport(TemporaryInbox.Layer, "a.geojson", "a.geojson", Export("119.1", "29.6"));
        Assert.Equal(1, adapter.Store.Position().LastSequence);

        // The same doubles: 119.10 and 29.600000000000001 parse to exactly 119.1 and 29.6.
        Assert.Equal(29.6, double.Parse("29.600000000000001", CultureInfo.InvariantCulture));
        var outcome = adapter.TakeExport(TemporaryInbox.Layer, "b.geojson", "b.geojson", Export("119.10", "29.600000000000001"));

        Assert.True(outcome.ChangeSets == 0, $"{outcome.ChangeSets} change set(s) published: "
            + string.Join(" | ", adapter.Store.Range(2, long.MaxValue).SelectMany(c => c.Features).Select(f => $"{f.Operation} {f.Id} version {f.SourceVersion}")));
    }

    /// <summary>
    /// Numbers written as short as they go (GDAL's 15 significant digits, JavaScript, Python, .NET) hash as they did
    /// before, so a store upgraded to this version sees no upsert of every feature at its next export.
    /// </summary>
    [Fact]
    public void Should_keep_the_version_published_before_for_numbers_written_plainly()
    {
        var feature = Assert.Single(ExportReader.Read("a.geojson", Export("119.123456789012", "29.6"), Redline));

        // The hash this export had before its numbers were read as numbers.
        Assert.Equal("9f1d73233141ceb871d97ba162d73cdbd86f3f5e1cad78df3a836367e8fa15b8", feature.Hash);
    }

    static byte[] Export(string lon, string lat) => Encoding.UTF8.GetBytes($$$"""
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"HX-1","HXMC":"红线","XZQDM":"330127"},
         "geometry":{"type":"Polygon","coordinates":[[[{{{lon}}},{{{lat}}}],[119.15,{{{lat}}}],[119.15,29.65],[{{{lon}}},{{{lat}}}]]]}}]}
        """);

    public void Dispose() => _inbox.Dispose();
}
