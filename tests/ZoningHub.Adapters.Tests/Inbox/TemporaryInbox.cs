using Microsoft.Extensions.Logging;
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
    public string Folder => Path.Combine(InboxDirectory, Layer);

    /// <summary>Where the adapter finds its inbox unless told another path to it.</summary>
    public string InboxDirectory => Path.Combine(Root, "inbox");

    /// <param name="inboxDirectory">Another path to the inbox: a symbolic link to it, the folder moved, a relative path.</param>
    public DepartmentAdapter Adapter(string? inboxDirectory = null)
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(Root, "adapter");
        options.InboxDirectory = inboxDirectory ?? InboxDirectory;
        options.PollInterval = TimeSpan.FromMilliseconds(100);
        options.StableAfter = TimeSpan.Zero;
        return new DepartmentAdapter(options, TimeProvider.System);
    }

    /// <summary>The adapter with its inbox watcher started; the caller stops and disposes the watcher.</summary>
    public async Task<(DepartmentAdapter Adapter, InboxWatcher Watcher)> WatchAsync(string? inboxDirectory = null, ILogger<InboxWatcher>? logger = null)
    {
        var adapter = Adapter(inboxDirectory);
        var watcher = new InboxWatcher(adapter, logger ?? NullLogger<InboxWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        return (adapter, watcher);
    }

    /// <summary>Written under another name, then renamed (over an export of the same name): how a department system should deliver.</summary>
    public void Drop(string name, byte[] content, string? inboxDirectory = null)
    {
        var folder = Path.Combine(inboxDirectory ?? InboxDirectory, Layer);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name + ".part"), content);
        File.Move(Path.Combine(folder, name + ".part"), Path.Combine(folder, name), overwrite: true);
    }

    /// <summary>A GeoJSON export of the layer with one small feature, <paramref name="id"/>.</summary>
    public static byte[] OneFeature(string id) => System.Text.Encoding.UTF8.GetBytes($$$"""
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"{{{id}}}","HXMC":"红线","XZQDM":"330127"},
         "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6],[119.15,29.6],[119.15,29.65],[119.1,29.6]]]}}]}
        """);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
