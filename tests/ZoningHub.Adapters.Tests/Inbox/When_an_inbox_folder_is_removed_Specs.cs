using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// An inbox folder removed while the adapter runs (by an operator tidying up, or a department system clearing its
/// drop folder) is made again, and exports dropped there afterwards flow: it once stopped the whole process.
/// </summary>
public sealed class When_an_inbox_folder_is_removed : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public async Task Should_make_it_again_and_take_what_is_dropped_there_next()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        var folder = _inbox.Folder;
        await Eventually.HoldsAsync(() => Directory.Exists(folder), "the adapter makes its layer's folder");
        _inbox.Drop("a.zip", Bytes("redline-4549-utf8.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first export is numbered #1");

        Directory.Delete(folder, recursive: true);
        await Eventually.HoldsAsync(() => Directory.Exists(folder), "the adapter makes the folder again");
        _inbox.Drop("b.zip", Bytes("redline-4527-gbk.zip"));

        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "an export dropped in the new folder is numbered #2");
        Assert.False(watcher.ExecuteTask!.IsCompleted, $"the watcher is still running ({watcher.ExecuteTask.Exception?.GetBaseException().Message})");
        await watcher.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _inbox.Dispose();
}
