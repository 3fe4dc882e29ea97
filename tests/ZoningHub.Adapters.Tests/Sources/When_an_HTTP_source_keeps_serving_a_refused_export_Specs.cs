using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.ServiceDefaults.Storage;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>
/// A read the reader refuses (an id twice, an empty layer) is judged again at every poll that brings it: the operator's
/// fix (AllowEmptyExports, a mapping) takes it, and the poll says refused while the service serves it. It once stood
/// as what the source delivered last, so the same answer came back "unchanged", with no error and nothing published.
/// Kept in <c>.failed/</c> once, not a copy a poll.
/// </summary>
public sealed class When_an_HTTP_source_keeps_serving_a_refused_export : IAsyncLifetime
{
    readonly string _state = Directory.CreateTempSubdirectory("zoninghub-http-refused-").FullName;
    DepartmentService? _service;

    /// <summary>What the service serves now.</summary>
    string _served = Page([1, 3, 3], next: null);

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
        app.MapGet("/collections/redline/items", () => Results.Text(_served, "application/geo+json")));

    /// <summary>The refusal of an empty read tells the operator to set AllowEmptyExports=true while it is taken: done (and the adapter started again), it is.</summary>
    [Fact]
    public async Task Should_take_the_refused_read_once_the_operator_allows_it()
    {
        var url = _service!.Url("/collections/redline/items");
        _served = Page([1, 2], next: null);
        await Source(Adapter(allowEmpty: false), url).PollAsync(CancellationToken.None);
        _served = Page([], next: null);
        var before = Adapter(allowEmpty: false);
        await Source(before, url).PollAsync(CancellationToken.None);
        Assert.Contains("AllowEmptyExports=true", Assert.Single(before.Store.RefusedExports(5)).Reason, StringComparison.Ordinal);

        // As told: allowed, and the adapter started again on its state.
        var after = Adapter(allowEmpty: true);
        await Source(after, url).PollAsync(CancellationToken.None);

        var poll = after.Store.LastPolls()[url.ToString()];
        Assert.True(after.Store.Published(Layer).Count == 0,
            $"published still {after.Store.Published(Layer).Count} features; last sequence {after.Store.Position().LastSequence}; poll outcome '{poll.Outcome}'");
    }

    DepartmentAdapter Adapter(bool allowEmpty)
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_state, "adapter");
        options.InboxDirectory = Path.Combine(_state, "inbox");
        options.AllowEmptyExports = allowEmpty;
        return new DepartmentAdapter(options, TimeProvider.System);
    }

    static HttpExportSource Source(DepartmentAdapter adapter, Uri url) =>
        new(adapter, new HttpSourceOptions { Layer = Layer, Url = url }, new HttpClient(), NullLogger<HttpExportSource>.Instance);

    [Fact]
    public async Task Should_still_say_refused_at_the_next_poll()
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_state, "adapter");
        options.InboxDirectory = Path.Combine(_state, "inbox");
        var adapter = new DepartmentAdapter(options, TimeProvider.System);
        var url = _service!.Url("/collections/redline/items");
        var source = new HttpExportSource(adapter, new HttpSourceOptions { Layer = Layer, Url = url }, new HttpClient(), NullLogger<HttpExportSource>.Instance);

        await source.PollAsync(CancellationToken.None);
        Assert.Equal(PollOutcomes.Refused, adapter.Store.LastPolls()[url.ToString()].Outcome);

        await source.PollAsync(CancellationToken.None);
        var poll = adapter.Store.LastPolls()[url.ToString()];

        Assert.Equal(0, adapter.Store.Position().LastSequence);
        Assert.True(poll.Outcome == PollOutcomes.Refused, $"second poll of the same refused answer: outcome '{poll.Outcome}', error '{poll.Error ?? "(none)"}'");
        Assert.Single(adapter.Store.RefusedExports(5));
        Assert.Single(Directory.GetFiles(Path.Combine(options.InboxDirectory, Layer, ".failed"), "*.geojson"));
    }

    /// <summary>A store from before keeps a refusal as what its source delivered last: upgraded, the adapter judges it again.</summary>
    [Fact]
    public void Should_judge_again_a_refusal_an_older_adapter_kept_as_delivered()
    {
        using (var connection = Adapter(allowEmpty: false).Store.Open())
        {
            connection.Execute(null, """
                INSERT INTO exports (hash, path, processed_at, change_sets, error) VALUES
                    ('refused', 'https://one-map.example/items', '2026-01-01T00:00:00.0000000+00:00', 0, 'holds no features'),
                    ('taken', 'https://water.example/items', '2026-01-01T00:00:00.0000000+00:00', 1, NULL);
                INSERT OR REPLACE INTO export_sources (source, hash) VALUES ('https://one-map.example/items', 'refused'), ('https://water.example/items', 'taken');
                """);
        }

        var upgraded = Adapter(allowEmpty: false).Store;

        Assert.False(upgraded.IsLastFrom("https://one-map.example/items", "refused"));
        Assert.True(upgraded.IsLastFrom("https://water.example/items", "taken"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Directory.Delete(_state, recursive: true);
    }
}
