using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// The inbox reached by another path after a restart (a new mount point, a symbolic link, the folder moved, a relative
/// path where an absolute one was) still holds the exports the adapter took. Known by their full path, every one of them
/// was taken again, oldest first: the layer went back to its first export and forward to its last, and the hub was
/// sent both as changes.
/// </summary>
public sealed class When_the_inbox_is_reached_by_another_path : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    public static TheoryData<string> OtherPaths => ["symbolic link", "folder moved", "relative path"];

    [Theory]
    [MemberData(nameof(OtherPaths))]
    public async Task Should_take_none_of_the_exports_it_took_before_again(string otherPath)
    {
        await TakeAsync(("redline-2024-01.zip", Bytes("redline-4549-utf8.zip")), ("redline-2024-02.zip", Bytes("redline-4527-gbk.zip")));

        var inbox = Reach(otherPath);
        _inbox.Drop("redline-2024-03.geojson", TemporaryInbox.OneFeature("HX-3"), inbox);
        var (adapter, watcher) = await _inbox.WatchAsync(inbox);
        using var _ = watcher;
        await Eventually.HoldsAsync(() => adapter.Store.Published(TemporaryInbox.Layer).ContainsKey("HX-3"), "the new export is taken");

        Assert.Equal([3L], adapter.Store.Range(3, long.MaxValue).Select(c => c.Sequence));
        await watcher.StopAsync(CancellationToken.None);
    }

    /// <summary>Departments often overwrite one file each month: through the new path, the new content is still taken.</summary>
    [Fact]
    public async Task Should_take_a_new_export_written_over_one_it_took_before()
    {
        await TakeAsync(("redline.zip", Bytes("redline-4549-utf8.zip")));

        var inbox = Reach("symbolic link");
        var (adapter, watcher) = await _inbox.WatchAsync(inbox);
        using var _ = watcher;
        _inbox.Drop("redline.zip", Bytes("redline-4527-gbk.zip"), inbox);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "the export written over it is #2");

        Assert.Equal(Read("redline-4527-gbk.zip", Redline).ToDictionary(f => f.Id, f => f.Hash), adapter.Store.Published(TemporaryInbox.Layer));
        await watcher.StopAsync(CancellationToken.None);
    }

    /// <summary>Each export taken in turn from the inbox as first configured, then the adapter stopped.</summary>
    async Task TakeAsync(params (string Name, byte[] Content)[] exports)
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        foreach (var (export, sequence) in exports.Select((e, i) => (e, i + 1L)))
        {
            _inbox.Drop(export.Name, export.Content);
            await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == sequence, $"{export.Name} is #{sequence}");
        }

        await watcher.StopAsync(CancellationToken.None);
    }

    /// <summary>The same inbox folder by another path.</summary>
    string Reach(string otherPath)
    {
        switch (otherPath)
        {
            case "symbolic link":
                return Directory.CreateSymbolicLink(Path.Combine(_inbox.Root, "mnt"), _inbox.InboxDirectory).FullName;
            case "folder moved":
                var moved = Path.Combine(_inbox.Root, "moved", "inbox");
                Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
                Directory.Move(_inbox.InboxDirectory, moved);
                return moved;
            case "relative path":
                return Path.GetRelativePath(Environment.CurrentDirectory, _inbox.InboxDirectory);
            default:
                throw new ArgumentOutOfRangeException(nameof(otherPath), otherPath, null);
        }
    }

    public void Dispose() => _inbox.Dispose();
}
