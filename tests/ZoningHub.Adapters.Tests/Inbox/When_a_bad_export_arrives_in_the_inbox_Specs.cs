using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// A refused export changes nothing in the adapter (no number taken, nothing marked published), is kept in
/// <c>.failed/</c> beside its reason for the operator, and the next good export flows.
/// </summary>
public sealed class When_a_bad_export_arrives_in_the_inbox : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    public static TheoryData<string, string> BadExports => new()
    {
        { "truncated", "cut short" },
        { "xian1980-prj", "Xian" },
        { "unknown-field", "HXBH" },
        { "duplicate-ids", "more than once" },
        { "empty-geometry", "geometry" },
        // Once a reader fault that stopped the adapter, and stopped it again at every start while the file lay in the inbox.
        { "type-not-text", "FeatureCollection" },
        // An empty query or a service under maintenance: taken, it deleted the whole layer.
        { "no-features", "holds no features: taken, it would delete all 3 features of layer 'ecological-redline'" },
    };

    [Theory]
    [MemberData(nameof(BadExports))]
    public async Task Should_refuse_it_whole_with_the_reason_and_leave_the_state_unchanged(string defect, string reasonMentions)
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        _inbox.Drop("a-good.zip", Bytes("redline-4549-utf8.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first good export is numbered #1");
        var (position, published) = (adapter.Store.Position(), adapter.Store.Published(TemporaryInbox.Layer));

        var name = defect is "type-not-text" or "no-features" ? $"b-{defect}.geojson" : $"b-{defect}.zip";
        _inbox.Drop(name, Damaged(defect));
        var reasonFile = Path.Combine(_inbox.Folder, ".failed", $"{name}.reason.txt");
        await Eventually.HoldsAsync(() => File.Exists(reasonFile), "the refused export is kept beside its reason");

        Assert.Contains(reasonMentions, await File.ReadAllTextAsync(reasonFile), StringComparison.Ordinal);
        Assert.Equal(position.LastSequence, adapter.Store.Position().LastSequence);
        Assert.Equal(position.Depth, adapter.Store.Position().Depth);
        Assert.Equal(published, adapter.Store.Published(TemporaryInbox.Layer));
        Assert.False(File.Exists(Path.Combine(_inbox.Folder, name)), "it leaves the inbox, so it is not read again");
        Assert.Contains(adapter.Store.RefusedExports(5), r => r.Reason.Contains(reasonMentions, StringComparison.Ordinal));

        _inbox.Drop("c-good.zip", Bytes("redline-4527-gbk.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "the next good export is numbered #2");
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Should_wait_for_the_rest_of_an_export_still_being_copied_and_refuse_it_only_once_it_stays_cut_short()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        var good = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"HX-1","HXMC":"红线","XZQDM":"330127"},
             "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6],[119.15,29.6],[119.15,29.65],[119.1,29.6]]]}}]}
            """u8.ToArray();
        Directory.CreateDirectory(_inbox.Folder);
        var path = Path.Combine(_inbox.Folder, "a-copying.geojson");

        // A copy that pauses longer than StableAfter: the half written so far reads as cut short, and is left where it is.
        await File.WriteAllBytesAsync(path, good[..(good.Length / 2)]);
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.True(File.Exists(path), "it stays in the inbox while it may still be written");
        Assert.Equal(0, adapter.Store.Position().LastSequence);
        Assert.Empty(adapter.Store.RefusedExports(5));

        await File.WriteAllBytesAsync(path, good);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the whole export is taken once it is there");

        // One that stays cut short past Adapter:CutShortWait is refused as such.
        adapter.Options.CutShortWait = TimeSpan.Zero;
        _inbox.Drop("b-interrupted.geojson", good[..(good.Length / 2)]);
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(_inbox.Folder, ".failed", "b-interrupted.geojson.reason.txt")), "refused, kept beside its reason");
        Assert.Contains(adapter.Store.RefusedExports(5), r => r.Reason.Contains("cut short", StringComparison.Ordinal));
        Assert.Equal(1, adapter.Store.Position().LastSequence);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Should_refuse_an_export_larger_than_it_can_read_rather_than_wait_for_it_for_ever()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        Directory.CreateDirectory(_inbox.Folder);
        // Sparse: 2.2 GB long, next to nothing on disk.
        await using (var huge = File.Create(Path.Combine(_inbox.Folder, "farmland.zip")))
        {
            huge.SetLength(2_200_000_000);
        }

        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(_inbox.Folder, ".failed", "farmland.zip.reason.txt")), "refused, kept beside its reason");
        Assert.Contains(adapter.Store.RefusedExports(5), r => r.Reason.StartsWith("is 2.0 GiB; the adapter reads an export whole, up to 2 GiB", StringComparison.Ordinal));
        Assert.Equal(0, adapter.Store.Position().LastSequence);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Should_take_an_empty_export_of_a_layer_when_told_it_really_is_empty_now()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        adapter.Options.AllowEmptyExports = true;
        _inbox.Drop("a-good.zip", Bytes("redline-4549-utf8.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first good export is numbered #1");

        _inbox.Drop("b-empty.geojson", """{"type":"FeatureCollection","features":[]}"""u8.ToArray());
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "the empty export is #2");
        Assert.Empty(adapter.Store.Published(TemporaryInbox.Layer));
        await watcher.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// The empty-export check reads the adapter's own store: a failure there is the adapter's, raised for its poll to try
    /// again, not the export's. It once refused the export as one that "could not be read" and moved it out of the inbox.
    /// </summary>
    [Fact]
    public void Should_not_refuse_an_export_for_a_failure_of_its_own_store()
    {
        var adapter = _inbox.Adapter();
        Assert.Single(adapter.Publish("h1", "ecological-redline/a.geojson", TemporaryInbox.Layer, ExportReader.Read("a.geojson",
            TemporaryInbox.OneFeature("HX-1"), adapter.Options.Layers[TemporaryInbox.Layer])));
        using (var connection = adapter.Store.Open())
        {
            // What a damaged or locked store would do to the check's read.
            connection.Execute(null, "ALTER TABLE published RENAME TO published_away");
        }

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => adapter.TakeExport(TemporaryInbox.Layer, "ecological-redline/b.geojson", "b.geojson",
            """{"type":"FeatureCollection","features":[]}"""u8.ToArray()));
        Assert.Empty(adapter.Store.RefusedExports(5));
    }

    static byte[] Damaged(string defect)
    {
        var good = Bytes("redline-4549-utf8.zip");
        return defect switch
        {
            "truncated" => WithPart(good, ".shp", shp => shp[..^40]),
            "xian1980-prj" => WithPart(good, ".prj", _ => Bytes("prj/xian1980-3-degree-gk-cm-120e.prj")),
            "unknown-field" => Bytes("bad/redline-field-bh.zip"),
            "duplicate-ids" => Bytes("bad/redline-duplicate-ids.zip"),
            "empty-geometry" => Bytes("bad/redline-null-geometry.zip"),
            "type-not-text" => """{"type":1,"features":[]}"""u8.ToArray(),
            "no-features" => """{"type":"FeatureCollection","features":[]}"""u8.ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(defect), defect, null),
        };
    }

    public void Dispose() => _inbox.Dispose();
}
