using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Testing;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>An OGC API Features style service, served for real over loopback HTTP, paged by <c>next</c> links.</summary>
public sealed class When_a_department_serves_its_layer_over_HTTP : IAsyncLifetime
{
    readonly string _state = Directory.CreateTempSubdirectory("zoninghub-http-").FullName;
    WebApplication? _server;
    Uri _first = null!;

    /// <summary>Page 2's body; a test may break it.</summary>
    string _secondPage = Page([3, 4], next: "items?page=3");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreeTcpPort.Find(1)[0]}");
        _server = builder.Build();
        _server.MapGet("/collections/redline/items", (int? page) => Results.Text(page switch
        {
            null or 1 => Page([1, 2], next: "/collections/redline/items?page=2"),
            2 => _secondPage,
            _ => Page([5], next: null),
        }, "application/geo+json"));
        await _server.StartAsync();
        _first = new Uri($"{_server.Urls.First()}/collections/redline/items");
    }

    [Fact]
    public async Task Should_take_all_pages_as_one_export_once()
    {
        var adapter = Adapter();

        await Source(adapter).PollAsync(CancellationToken.None);
        await Source(adapter).PollAsync(CancellationToken.None);

        var changeSet = Assert.Single(adapter.Store.Unpublished(10));
        Assert.Equal(["HX-1", "HX-2", "HX-3", "HX-4", "HX-5"], changeSet.Features.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.Equal("330127", changeSet.Features[0].Properties["county"].GetString());
    }

    /// <summary>A service answering from a stale replica or a backup serves an earlier state: taken, and said as a warning.</summary>
    [Fact]
    public async Task Should_warn_when_the_layer_goes_back_to_what_it_served_before()
    {
        var adapter = Adapter();
        var logger = new RecordingLogger<HttpExportSource>();
        var source = new HttpExportSource(adapter, new HttpSourceOptions { Layer = Layer, Url = _first }, new HttpClient(), logger);

        await source.PollAsync(CancellationToken.None);
        _secondPage = Page([3], next: "items?page=3");
        await source.PollAsync(CancellationToken.None);
        Assert.DoesNotContain(logger.Messages, m => m.Contains("goes back", StringComparison.Ordinal));
        _secondPage = Page([3, 4], next: "items?page=3");
        await source.PollAsync(CancellationToken.None);

        Assert.Equal(3, adapter.Store.Position().LastSequence);
        Assert.Single(logger.Messages, m => m.Contains("goes back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_publish_nothing_and_keep_the_export_when_a_page_is_malformed()
    {
        var adapter = Adapter();
        _secondPage = Page([3, 3], next: "items?page=3");

        await Source(adapter).PollAsync(CancellationToken.None);

        Assert.Empty(adapter.Store.Unpublished(10));
        Assert.Equal(0, adapter.Store.Position().LastSequence);
        var refused = Assert.Single(adapter.Store.RefusedExports(5));
        Assert.Contains("'HX-3'", refused.Reason, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(_state, "inbox", Layer, ".failed"), "*.geojson"));
        Assert.Contains(_first.ToString(), await File.ReadAllTextAsync(kept + ".reason.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_list_a_page_that_is_not_GeoJSON_with_the_refused_exports_once_however_often_it_is_served()
    {
        var adapter = Adapter();
        _secondPage = "<html><body>维护中 (under maintenance)</body></html>";

        await Source(adapter).PollAsync(CancellationToken.None);
        await Source(adapter).PollAsync(CancellationToken.None);

        Assert.Equal(0, adapter.Store.Position().LastSequence);
        var refused = Assert.Single(adapter.Store.RefusedExports(5));
        Assert.Contains("not valid JSON", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_record_nothing_while_the_service_is_down()
    {
        var adapter = Adapter();
        await _server!.StopAsync();

        await Source(adapter).PollAsync(CancellationToken.None);

        Assert.Equal(0, adapter.Store.Position().LastSequence);
        Assert.Empty(adapter.Store.RefusedExports(5));
    }

    DepartmentAdapter Adapter()
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_state, "adapter");
        options.InboxDirectory = Path.Combine(_state, "inbox");
        return new DepartmentAdapter(options, TimeProvider.System);
    }

    HttpExportSource Source(DepartmentAdapter adapter) =>
        new(adapter, new HttpSourceOptions { Layer = Layer, Url = _first }, new HttpClient(), NullLogger<HttpExportSource>.Instance);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_state, recursive: true);
    }
}

/// <summary>
/// A later page the service's own next link names answering 404 (a paging cursor that expired) is not a wrong Url: it
/// was shown as misconfigured, sending the operator to correct settings that were right, and to no poll after.
/// </summary>
public sealed class When_a_department_services_next_link_is_gone : IAsyncLifetime
{
    readonly string _state = Directory.CreateTempSubdirectory("zoninghub-http-").FullName;
    DepartmentService _service = null!;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
        app.MapGet("/collections/redline/items", (int? page) => page is null
            ? Results.Text("""{"type":"FeatureCollection","features":[],"links":[{"rel":"next","href":"/collections/redline/items?page=2"}]}""", "application/geo+json")
            : Results.NotFound()));

    [Fact]
    public async Task Should_show_the_poll_as_unanswered_and_try_again_rather_than_misconfigured()
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_state, "adapter");
        options.InboxDirectory = Path.Combine(_state, "inbox");
        var adapter = new DepartmentAdapter(options, TimeProvider.System);

        await new HttpExportSource(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url("/collections/redline/items") },
            new HttpClient(), NullLogger<HttpExportSource>.Instance).PollAsync(CancellationToken.None);

        var poll = Assert.Single(adapter.Store.LastPolls().Values);
        Assert.True(poll.Outcome == PollOutcomes.Unreachable && poll.Error?.Contains("next link", StringComparison.Ordinal) == true,
            $"{poll.Outcome}: {poll.Error}");
        Assert.Equal(0, adapter.Store.Position().LastSequence);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
