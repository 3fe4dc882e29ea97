using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.ServiceDefaults.Storage;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>
/// A store written before exports were known by layer and file name knows each by the path the inbox was reached by
/// then. Upgraded, the adapter takes none of the exports that store says it took, by that path or by another.
/// </summary>
public sealed class When_an_upgraded_adapter_finds_exports_known_by_path : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_take_none_of_them_again(bool throughSymbolicLink)
    {
        var (adapter, watcher) = await _inbox.WatchAsync();
        using (watcher)
        {
            _inbox.Drop("redline-2024-01.zip", Bytes("redline-4549-utf8.zip"));
            await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 1, "the first export is #1");
            _inbox.Drop("redline-2024-02.zip", Bytes("redline-4527-gbk.zip"));
            await Eventually.HoldsAsync(() => adapter.Store.Position().LastSequence == 2, "the second export is #2");
            await watcher.StopAsync(CancellationToken.None);
        }

        KnowExportsByPathAsBefore(adapter);
        var inbox = throughSymbolicLink ? Directory.CreateSymbolicLink(Path.Combine(_inbox.Root, "mnt"), _inbox.InboxDirectory).FullName : null;
        _inbox.Drop("redline-2024-03.geojson", TemporaryInbox.OneFeature("HX-3"), inbox);
        var (upgraded, restarted) = await _inbox.WatchAsync(inbox);
        using var _ = restarted;
        await Eventually.HoldsAsync(() => upgraded.Store.Published(TemporaryInbox.Layer).ContainsKey("HX-3"), "the new export is taken");

        Assert.Equal([3L], upgraded.Store.Range(3, long.MaxValue).Select(c => c.Sequence));
        await restarted.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("/srv/zoninghub/inbox/ecological-redline/redline.zip", "ecological-redline/redline.zip")]
    [InlineData("inbox/ecological-redline/redline.zip", "ecological-redline/redline.zip")]
    [InlineData("ecological-redline/redline.zip", "ecological-redline/redline.zip")]
    [InlineData("https://one-map.example/api/redline?f=geojson", "https://one-map.example/api/redline?f=geojson")]
    public void Should_know_a_file_by_its_layer_and_name_and_a_service_by_its_address(string recorded, string knownBy) =>
        Assert.Equal(knownBy, InboxSource.FromRecorded(recorded));

    /// <summary>An inbox reached by two paths before the upgrade took its exports again, so a file is known twice, by each path.</summary>
    [Fact]
    public void Should_keep_what_was_taken_last_of_a_file_known_by_two_paths()
    {
        using (var connection = _inbox.Adapter().Store.Open())
        {
            connection.Execute(null, """
                INSERT INTO exports (hash, path, processed_at, change_sets, error) VALUES
                    ('march', '/mnt/a/ecological-redline/redline.zip', '2024-03-01T00:00:00.0000000+00:00', 1, NULL),
                    ('january', '/mnt/b/ecological-redline/redline.zip', '2024-01-01T00:00:00.0000000+00:00', 1, NULL),
                    ('broken', '/mnt/a/ecological-redline/broken.zip', '2024-02-01T00:00:00.0000000+00:00', 0, 'not a zip');
                INSERT INTO export_sources (source, hash) VALUES
                    ('/mnt/a/ecological-redline/redline.zip', 'march'), ('/mnt/b/ecological-redline/redline.zip', 'january');
                """);
        }

        var upgraded = _inbox.Adapter().Store;

        Assert.True(upgraded.IsLastFrom("ecological-redline/redline.zip", "march"));
        using var check = upgraded.Open();
        Assert.Equal(1, check.Scalar<long>(null, "SELECT COUNT(*) FROM export_sources"));

        // Taken and refused exports are named as the new ones are.
        Assert.Equal("ecological-redline/redline.zip", upgraded.TakenBefore("january")?.Source);
        Assert.Equal(["ecological-redline/broken.zip"], upgraded.RefusedExports(10).Select(r => r.Path));
    }

    /// <summary>Keys each file the store knows as the earlier adapters did: by the path the configured inbox gave it.</summary>
    void KnowExportsByPathAsBefore(Kit.DepartmentAdapter adapter)
    {
        using var connection = adapter.Store.Open();
        foreach (var source in connection.Query(null, "SELECT source FROM export_sources", r => r.GetString(0)))
        {
            connection.Execute(null, "UPDATE export_sources SET source = $path WHERE source = $source",
                ("$path", Path.Combine(_inbox.Folder, Path.GetFileName(source))), ("$source", source));
        }
    }

    public void Dispose() => _inbox.Dispose();
}
