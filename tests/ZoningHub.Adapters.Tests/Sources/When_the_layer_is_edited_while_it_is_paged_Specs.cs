using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Tests.Inbox;
using ZoningHub.Contracts;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>
/// Offset paging (<c>?offset=</c>, two features a page) over a layer the department edits between two pages: a feature
/// shifts onto a page already read, or onto the next one as well. Such a read is not one state of the layer; taken, it
/// would delete a live feature (or repeat one), so it is read again and, if it never agrees, refused.
/// </summary>
public sealed class When_the_layer_is_edited_while_it_is_paged : IAsyncLifetime, IDisposable
{
    readonly TemporaryInbox _state = new();
    readonly List<int> _redlines = [1, 2, 3, 4, 5];
    DepartmentService _service = null!;
    bool _countMatched = true;

    /// <summary>Runs after page 1 is served: an edit made in the department system while the adapter pages.</summary>
    Action? _afterFirstPage;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app => app.MapGet("/items", (int? offset) =>
    {
        var start = offset ?? 0;
        var body = Page(_redlines.Skip(start).Take(2), start + 2 < _redlines.Count ? $"/items?offset={start + 2}" : null,
            _countMatched ? _redlines.Count : null);
        if (start == 0)
        {
            _afterFirstPage?.Invoke();
        }

        return Results.Text(body, "application/geo+json");
    }));

    [Fact]
    public async Task Should_read_it_again_and_delete_only_what_the_department_deleted()
    {
        var adapter = await AdapterWithTheLayerTaken();

        // While the adapter reads page 1, HX-1 is deleted: HX-3 moves from page 2 to page 1, already read.
        _afterFirstPage = () => { _redlines.Remove(1); _afterFirstPage = null; };
        await Source(adapter).PollAsync(CancellationToken.None);

        Assert.Equal(["HX-1"], Changes(adapter).Where(f => f.Operation == FeatureOperations.Delete).Select(f => f.Id));
        Assert.Empty(adapter.Store.RefusedExports(5));
    }

    [Fact]
    public async Task Should_read_it_again_when_a_feature_added_while_paging_repeats_one_on_the_next_page()
    {
        // No numberMatched to compare: the repeated id is what shows the read is not one state of the layer.
        _countMatched = false;
        var adapter = await AdapterWithTheLayerTaken();

        _afterFirstPage = () => { _redlines.Insert(0, 0); _afterFirstPage = null; };
        await Source(adapter).PollAsync(CancellationToken.None);

        Assert.Equal(["HX-0"], Changes(adapter).Select(f => f.Id));
        Assert.Empty(adapter.Store.RefusedExports(5));
    }

    [Fact]
    public async Task Should_publish_nothing_and_say_why_when_its_pages_never_agree()
    {
        var adapter = await AdapterWithTheLayerTaken();

        // Edited during every read: no read of this poll is one state of the layer.
        _afterFirstPage = () => _redlines.RemoveAt(0);
        await Source(adapter).PollAsync(CancellationToken.None);

        Assert.Empty(Changes(adapter));
        Assert.Contains("did not agree", Assert.Single(adapter.Store.RefusedExports(5)).Reason, StringComparison.Ordinal);
    }

    async Task<DepartmentAdapter> AdapterWithTheLayerTaken()
    {
        var adapter = _state.Adapter();
        await Source(adapter).PollAsync(CancellationToken.None);
        Assert.Equal(1, adapter.Store.Position().LastSequence);
        return adapter;
    }

    /// <summary>What the adapter queued after it first took the layer.</summary>
    static List<FeatureChange> Changes(DepartmentAdapter adapter) => [.. adapter.Store.Range(2, long.MaxValue).SelectMany(c => c.Features)];

    HttpExportSource Source(DepartmentAdapter adapter) =>
        new(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url("/items") }, new HttpClient(), NullLogger<HttpExportSource>.Instance);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _state.Dispose();
}
