using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;

namespace ZoningHub.Adapters.Tests.Inbox;

/// <summary>An export is cut into change sets the broker takes: bounded in features and in bytes of geometry.</summary>
public sealed class When_an_export_is_large : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public void Should_cut_it_by_geometry_bytes_as_well_as_by_features_keeping_every_feature_once()
    {
        var adapter = _inbox.Adapter();
        adapter.Options.MaxGeometryBytesPerChangeSet = 300;

        adapter.TakeExport(TemporaryInbox.Layer, "a.zip", "a.zip", Bytes("redline-4549-utf8.zip"));

        var changeSets = adapter.Store.Unpublished(100);
        Assert.True(changeSets.Count > 1, $"{changeSets.Count} change sets");
        Assert.All(changeSets, c => Assert.True(c.Features.Count == 1 || c.Features.Sum(f => f.Geometry!.Value.GetRawText().Length) <= 300,
            $"#{c.Sequence}: {c.Features.Count} features, {c.Features.Sum(f => f.Geometry!.Value.GetRawText().Length)} bytes of geometry"));
        Assert.Equal(adapter.Store.Published(TemporaryInbox.Layer).Keys.Order(StringComparer.Ordinal),
            changeSets.SelectMany(c => c.Features).Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, changeSets.Count).Select(i => (long)i), changeSets.Select(c => c.Sequence));
    }

    public void Dispose() => _inbox.Dispose();
}
