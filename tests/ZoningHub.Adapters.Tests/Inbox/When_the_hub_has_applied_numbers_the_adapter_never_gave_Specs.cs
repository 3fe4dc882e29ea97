using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// The adapter's store was put back from a backup while the hub kept what came after: asked by the hub for what follows
/// its last applied number, the adapter numbers on after it, and sends the export in its inbox whole, as a snapshot of
/// the layer, where a diff against the backup's state would have left the hub wrong.
/// </summary>
public sealed class When_the_hub_has_applied_numbers_the_adapter_never_gave : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public async Task Should_number_on_after_the_hubs_and_send_the_inbox_export_whole_at_once()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        _inbox.Drop("redlines.geojson", TemporaryInbox.OneFeature("HX-1"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the export is numbered #1");

        Assert.Null(adapter.ContinueAfter(1));
        Assert.Equal(1, adapter.Store.Position().LastSequence);
        Assert.Empty(adapter.Store.LayersToSendWhole());

        Assert.Equal(1, adapter.ContinueAfter(40));
        // The export taken before goes out again, whole, without the department exporting anything.
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 41, "the inbox export is numbered #41, after the hub's #40");
        var whole = Assert.Single(adapter.Store.Range(41, 41));
        Assert.Equal(ChangeSetKinds.Snapshot, whole.Kind);
        Assert.Equal(new SnapshotSeries { First = 41, Last = 41, WholeStream = false }, whole.Series);
        Assert.Equal(["HX-1"], whole.Features.Select(f => f.Id));
        // The other layers go whole at their next export.
        Assert.DoesNotContain(TemporaryInbox.Layer, adapter.Store.LayersToSendWhole().Keys);
        Assert.Contains("permanent-basic-farmland", adapter.Store.LayersToSendWhole().Keys);

        // After that, diffs as before.
        _inbox.Drop("redlines.geojson", TemporaryInbox.OneFeature("HX-2"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 42, "the next export is numbered #42");
        var next = Assert.Single(adapter.Store.Range(42, 42));
        Assert.Equal(ChangeSetKinds.Delta, next.Kind);
        Assert.Equal(["HX-2", "HX-1"], next.Features.Select(f => f.Id));
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Should_not_call_an_export_sent_whole_a_layer_put_back_as_an_earlier_export_left_it()
    {
        var adapter = _inbox.Adapter();
        adapter.TakeExport(TemporaryInbox.Layer, "redlines.geojson", "redlines.geojson", TemporaryInbox.OneFeature("HX-1"));
        adapter.TakeExport(TemporaryInbox.Layer, "redlines.geojson", "redlines.geojson", TemporaryInbox.OneFeature("HX-2"));
        Assert.Equal(2, adapter.ContinueAfter(10));

        // The content of #1 again: the layer sent as it is, where a diff would have put it back (and the log said so).
        var outcome = adapter.TakeExport(TemporaryInbox.Layer, "redlines.geojson", "redlines.geojson", TemporaryInbox.OneFeature("HX-1"));
        Assert.Null(outcome.GoesBackTo);
        Assert.Equal(ChangeSetKinds.Snapshot, Assert.Single(adapter.Store.Range(11, 11)).Kind);
    }

    public void Dispose() => _inbox.Dispose();
}
