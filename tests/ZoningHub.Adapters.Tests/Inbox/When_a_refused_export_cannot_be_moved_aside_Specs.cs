using ZoningHub.Testing;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// A refused export is moved to <c>.failed/</c>; when the move fails (a share where the adapter may not make the
/// folder, a crash in between) the file stays in the inbox and is refused and moved at a later poll. The refusal once
/// stood as what the source delivered last, so the next poll took the file as seen: never moved, never read again.
/// </summary>
public sealed class When_a_refused_export_cannot_be_moved_aside : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public async Task Should_move_it_aside_once_it_can()
    {
        Directory.CreateDirectory(_inbox.Folder);
        // A file where the .failed folder should be: Directory.CreateDirectory fails as an unwritable share would.
        var blocker = Path.Combine(_inbox.Folder, ".failed");
        await File.WriteAllTextAsync(blocker, "");
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;

        _inbox.Drop("b-bad.geojson", """{"type":1,"features":[]}"""u8.ToArray());
        await Eventually.HoldsAsync(() => adapter.Store.RefusedExports(5).Count == 1, "the export is refused");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        // The operator mends the folder; the watcher said it would try again at the next poll.
        File.Delete(blocker);
        var reasonFile = Path.Combine(_inbox.Folder, ".failed", "b-bad.geojson.reason.txt");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await watcher.StopAsync(CancellationToken.None);

        Assert.True(File.Exists(reasonFile),
            $"still in the inbox: {File.Exists(Path.Combine(_inbox.Folder, "b-bad.geojson"))}; taken as already processed since the failed move");
    }

    public void Dispose() => _inbox.Dispose();
}
