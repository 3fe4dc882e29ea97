using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Tests.Sources;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// An edit undone, or a backup exported again, delivers content the adapter took before. It is a change all the
/// same, and is published: it was once skipped as already seen, and the hub kept the edit.
/// </summary>
public sealed class When_a_layer_is_put_back_as_it_was : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public async Task Should_publish_the_change_back_whether_the_export_comes_under_its_old_name_or_a_new_one()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        var (before, edited) = (Bytes("redline-4549-utf8.zip"), Bytes("redline-4527-gbk.zip"));

        _inbox.Drop("redline.zip", before);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first export is #1");
        var asBefore = adapter.Store.Published(TemporaryInbox.Layer);
        _inbox.Drop("redline.zip", edited);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "the edited export, under the same name, is #2");
        Assert.NotEqual(asBefore, adapter.Store.Published(TemporaryInbox.Layer));

        _inbox.Drop("redline-restored.zip", before);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 3, "the layer as before, under a new name, is #3");
        Assert.Equal(asBefore, adapter.Store.Published(TemporaryInbox.Layer));

        _inbox.Drop("redline-restored.zip", edited);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 4, "edited again, over the restored file, is #4");
        _inbox.Drop("redline-restored.zip", before);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 5, "put back again under that name, which delivered it before, is #5");
        Assert.Equal(asBefore, adapter.Store.Published(TemporaryInbox.Layer));

        // While a file stays in the inbox unchanged, it is not taken again.
        var position = adapter.Store.Position().LastSequence;
        await Task.Delay(500);
        Assert.Equal(position, adapter.Store.Position().LastSequence);
        await watcher.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// A restore and an old export dropped again by mistake look alike to the adapter: either is taken, and the layer goes
    /// back. It once went back with no more said than for any export; now a warning names the export it goes back to.
    /// </summary>
    [Fact]
    public async Task Should_warn_that_the_layer_goes_back_to_an_export_taken_before()
    {
        var logger = new RecordingLogger<InboxWatcher>();
        var (adapter, watcher) = await _inbox.WatchAsync(logger: logger);
        using var _ = watcher;
        _inbox.Drop("redline-2024-01.zip", Bytes("redline-4549-utf8.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first export is #1");
        _inbox.Drop("redline-2024-02.zip", Bytes("redline-4527-gbk.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "the next export is #2");
        Assert.DoesNotContain(logger.Messages, m => m.Contains("goes back", StringComparison.Ordinal));

        _inbox.Drop("redline-2024-01-copy.zip", Bytes("redline-4549-utf8.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 3, "the first export again is #3");

        var warning = Assert.Single(logger.Messages, m => m.Contains("goes back", StringComparison.Ordinal));
        Assert.Contains($"is the same as {TemporaryInbox.Layer}/redline-2024-01.zip, taken at", warning, StringComparison.Ordinal);
        await watcher.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _inbox.Dispose();
}
