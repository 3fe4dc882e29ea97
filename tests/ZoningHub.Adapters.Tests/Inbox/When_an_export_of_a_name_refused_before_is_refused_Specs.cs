using ZoningHub.Testing;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// A department that drops its export under the same name each time, and has it refused twice, keeps both refused files
/// and their reasons in <c>.failed/</c>: the second was moved over the first, which the adapter still listed as refused.
/// </summary>
public sealed class When_an_export_of_a_name_refused_before_is_refused : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public async Task Should_keep_both_refused_files_with_their_reasons()
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using var _ = watcher;
        _inbox.Drop("redline.geojson", """{"type":1,"features":[]}"""u8.ToArray());
        await Eventually.HoldsAsync(() => adapter.Store.RefusedExports(5).Count == 1, "the first export is refused");
        var failed = Path.Combine(_inbox.Folder, ".failed");
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(failed, "redline.geojson.reason.txt")), "the first is moved aside");

        _inbox.Drop("redline.geojson", """{"type":"FeatureCollection","features":7}"""u8.ToArray());
        await Eventually.HoldsAsync(() => adapter.Store.RefusedExports(5).Count == 2, "the second export is refused");
        await Eventually.HoldsAsync(() => Directory.GetFiles(failed, "*.reason.txt").Length == 2,
            () => $"both refused files are kept: {string.Join(", ", Directory.GetFiles(failed).Select(Path.GetFileName))}");

        Assert.Equal(["{\"type\":\"FeatureCollection\",\"features\":7}", "{\"type\":1,\"features\":[]}"],
            Directory.GetFiles(failed, "*.geojson").Select(File.ReadAllText).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _inbox.Dispose();
}
