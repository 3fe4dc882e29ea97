using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// Whether an export is ready, or cut short for long enough to refuse, is judged from what the adapter sees change,
/// on its own clock. It was judged from the file's write time, which copy tools and file systems do not keep current or
/// on the adapter's clock: a time ahead hid an export for hours, a copy under way with an old time was refused at once.
/// </summary>
public sealed class When_an_export_is_still_being_copied : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    static readonly byte[] Good = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"HX-1","HXMC":"红线","XZQDM":"330127"},
         "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6],[119.15,29.6],[119.15,29.65],[119.1,29.6]]]}}]}
        """u8.ToArray();

    [Fact]
    public async Task Should_take_one_whose_write_time_is_ahead_of_the_adapter_clock()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        // Copied with its times kept from a machine 8 hours ahead (local time taken as UTC, as FAT media and
        // some NAS shares do in UTC+8): nothing is wrong with the export itself.
        _inbox.Drop("redline.zip", Bytes("redline-4549-utf8.zip"));
        File.SetLastWriteTimeUtc(Path.Combine(_inbox.Folder, "redline.zip"), DateTime.UtcNow.AddHours(8));

        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1,
            () => $"taken; after 10 s: last sequence {adapter.Store.Position().LastSequence}, refused {adapter.Store.Position().ExportsRefused}, "
                  + $"file still in the inbox: {File.Exists(Path.Combine(_inbox.Folder, "redline.zip"))}", seconds: 10);
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Should_wait_for_one_that_carries_an_old_write_time()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        Directory.CreateDirectory(_inbox.Folder);
        var path = Path.Combine(_inbox.Folder, "redline.zip");
        var zip = Bytes("redline-4549-utf8.zip");

        // Robocopy dates a file it is still copying 1980-01-01 (so an interrupted copy is redone); cp -p, rsync --inplace -t
        // and Explorer copies likewise carry the source's old time while the bytes are still arriving.
        await File.WriteAllBytesAsync(path, zip[..(zip.Length / 2)]);
        File.SetLastWriteTimeUtc(path, new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.True(File.Exists(path), $"the half-copied export was moved out of the inbox: {string.Join(" | ", adapter.Store.RefusedExports(5).Select(r => r.Reason))}");
        Assert.Empty(adapter.Store.RefusedExports(5));
        await watcher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Should_wait_for_a_GeoJSON_whose_copy_set_its_full_length_first()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        Directory.CreateDirectory(_inbox.Folder);
        var path = Path.Combine(_inbox.Folder, "redline.geojson");

        // Windows copies (Explorer, CopyFileEx over SMB) set the destination's length first: the tail not yet written reads as zeros.
        var partial = new byte[Good.Length];
        Good.AsSpan(0, Good.Length / 2).CopyTo(partial);
        await File.WriteAllBytesAsync(path, partial);
        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.True(File.Exists(path), $"the half-copied export was moved out of the inbox: {string.Join(" | ", adapter.Store.RefusedExports(5).Select(r => r.Reason))}");
        await File.WriteAllBytesAsync(path, Good);
        await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "taken once the copy completes", seconds: 10);
        await watcher.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _inbox.Dispose();
}
