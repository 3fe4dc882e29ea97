using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// An inbox folder removed while the adapter runs (by an operator tidying up, or a department system clearing its
/// drop folder) is made again, and exports dropped there afterwards flow: it once stopped the whole process.
/// </summary>
public sealed class When_an_inbox_folder_is_removed : IDisposable
{
    const string Layer = "ecological-redline";
    readonly string _root = Directory.CreateTempSubdirectory("zoninghub-inbox-").FullName;

    [Fact]
    public async Task Should_make_it_again_and_take_what_is_dropped_there_next()
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_root, "adapter");
        options.InboxDirectory = Path.Combine(_root, "inbox");
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.StableAfter = TimeSpan.Zero;
        var adapter = new DepartmentAdapter(options, TimeProvider.System);
        using var watcher = new InboxWatcher(adapter, NullLogger<InboxWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        var folder = Path.Combine(_root, "inbox", Layer);
        await Eventually.HoldsAsync(() => Directory.Exists(folder), "the adapter makes its layer's folder");
        Drop(folder, "a.zip", Bytes("redline-4549-utf8.zip"));
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first export is numbered #1");

        Directory.Delete(folder, recursive: true);
        await Eventually.HoldsAsync(() => Directory.Exists(folder), "the adapter makes the folder again");
        Drop(folder, "b.zip", Bytes("redline-4527-gbk.zip"));

        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "an export dropped in the new folder is numbered #2");
        Assert.False(watcher.ExecuteTask!.IsCompleted, $"the watcher is still running ({watcher.ExecuteTask.Exception?.GetBaseException().Message})");
        await watcher.StopAsync(CancellationToken.None);
    }

    /// <summary>Written under another name, then renamed: how a department system should deliver.</summary>
    static void Drop(string folder, string name, byte[] content)
    {
        File.WriteAllBytes(Path.Combine(folder, name + ".part"), content);
        File.Move(Path.Combine(folder, name + ".part"), Path.Combine(folder, name));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
