using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Tests.Inbox;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>A service whose answer has no end, by its links or by its size: the poll is refused with the reason, not followed until memory runs out.</summary>
public sealed class When_a_department_service_pages_without_end : IAsyncLifetime, IDisposable
{
    readonly TemporaryInbox _state = new();
    DepartmentService _service = null!;
    int _loopRequests;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
    {
        // A server bug seen in the wild: the last page links to itself.
        app.MapGet("/loop", () =>
        {
            Interlocked.Increment(ref _loopRequests);
            return Results.Text(Page([1, 2], "/loop"), "application/geo+json");
        });
        app.MapGet("/items", (int? page) => Results.Text(Page([page ?? 1], page is null or < 3 ? $"/items?page={(page ?? 1) + 1}" : null), "application/geo+json"));
        // A page that never ends, sent in chunks with no length given: only the reader can stop it.
        app.MapGet("/endless", async (HttpResponse response, CancellationToken cancellationToken) =>
        {
            response.ContentType = "application/geo+json";
            await response.WriteAsync("""{"type":"FeatureCollection","features":[""", cancellationToken);
            var padding = new string(' ', 64 * 1024);
            while (!cancellationToken.IsCancellationRequested)
            {
                await response.WriteAsync(padding, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }
        });
    });

    [Fact]
    public async Task Should_refuse_at_the_first_next_link_that_leads_back_to_a_page_already_read()
    {
        var adapter = _state.Adapter();

        await Source(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url("/loop") }).PollAsync(CancellationToken.None);

        Assert.Equal(1, _loopRequests);
        Assert.Equal(0, adapter.Store.Position().LastSequence);
        Assert.Contains("already read", Assert.Single(adapter.Store.RefusedExports(5)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_page_past_MaxResponseBytes_as_it_streams_in()
    {
        var adapter = _state.Adapter();
        var options = new HttpSourceOptions { Layer = Layer, Url = _service.Url("/endless"), MaxResponseBytes = 1024 * 1024 };

        var poll = Source(adapter, options).PollAsync(CancellationToken.None);

        Assert.Same(poll, await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(30))));
        await poll;
        Assert.Contains("MaxResponseBytes (1048576 bytes)", Assert.Single(adapter.Store.RefusedExports(5)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_layer_whose_pages_together_pass_MaxExportBytes()
    {
        var adapter = _state.Adapter();
        var options = new HttpSourceOptions { Layer = Layer, Url = _service.Url("/items") };
        await Source(adapter, options).PollAsync(CancellationToken.None);
        var export = adapter.Store.Published(Layer).Count;

        options.MaxExportBytes = Page([1], null).Length * 2;
        await Source(adapter, options).PollAsync(CancellationToken.None);

        Assert.Equal(3, export);
        Assert.Contains("MaxExportBytes", Assert.Single(adapter.Store.RefusedExports(5)).Reason, StringComparison.Ordinal);
    }

    static HttpExportSource Source(DepartmentAdapter adapter, HttpSourceOptions options) =>
        new(adapter, options, new HttpClient(), NullLogger<HttpExportSource>.Instance);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _state.Dispose();
}
