using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// The one-map adapter over a temporary inbox and state folder, polling every 100 ms and taking an export as soon
/// as it is dropped, for the specs of its inbox's ecological-redline folder.
/// </summary>
sealed class TemporaryInbox : IDisposable
{
    public const string Layer = "ecological-redline";

    public string Root { get; } = Directory.CreateTempSubdirectory("zoninghub-inbox-").FullName;

    /// <summary>The layer's inbox folder, where the adapter takes exports from.</summary>
    public string Folder => Path.Combine(Root, "inbox", Layer);

    public DepartmentAdapter Adapter()
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(Root, "adapter");
        options.InboxDirectory = Path.Combine(Root, "inbox");
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.StableAfter = TimeSpan.Zero;
        return new DepartmentAdapter(options, TimeProvider.System);
    }

    /// <summary>The adapter with its inbox watcher started; the caller stops and disposes the watcher.</summary>
    public async Task<(DepartmentAdapter Adapter, InboxWatcher Watcher)> WatchAsync()
    {
        var adapter = Adapter();
        var watcher = new InboxWatcher(adapter, NullLogger<InboxWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        return (adapter, watcher);
    }

    /// <summary>Written under another name, then renamed (over an export of the same name): how a department system should deliver.</summary>
    public void Drop(string name, byte[] content)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllBytes(Path.Combine(Folder, name + ".part"), content);
        File.Move(Path.Combine(Folder, name + ".part"), Path.Combine(Folder, name), overwrite: true);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
