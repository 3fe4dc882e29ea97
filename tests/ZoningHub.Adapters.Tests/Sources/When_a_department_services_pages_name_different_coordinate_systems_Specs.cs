using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Tests.Inbox;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>
/// A layer's pages are read in one coordinate system, the one its first page names (CGCS2000 longitude/latitude when it
/// names none): a later page naming another would have its features read in the wrong one (metres as degrees, or one
/// zone as another), so the poll is refused instead. A later page naming none is read in the first page's.
/// </summary>
public sealed class When_a_department_services_pages_name_different_coordinate_systems : IAsyncLifetime, IDisposable
{
    readonly TemporaryInbox _state = new();
    DepartmentService _service = null!;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
    {
        app.MapGet("/mixed", (int? page) => Results.Text(
            Named(Page([page ?? 1], page is null ? "/mixed?page=2" : null), page is null ? "urn:ogc:def:crs:EPSG::4490" : "urn:ogc:def:crs:EPSG::4528"),
            "application/geo+json"));
        // The first page names no system (CGCS2000 longitude/latitude); the second names a Gauss-Krüger zone.
        app.MapGet("/named-later", (int? page) => Results.Text(
            page is null ? Page([1], "/named-later?page=2") : Named(Page([2], null), "urn:ogc:def:crs:EPSG::4528"),
            "application/geo+json"));
        // The first page names the system; the second names none, which says nothing about its own.
        app.MapGet("/named-first", (int? page) => Results.Text(
            page is null ? Named(Page([1], "/named-first?page=2"), "urn:ogc:def:crs:EPSG::4490") : Page([2], null),
            "application/geo+json"));
        app.MapGet("/same", (int? page) => Results.Text(
            Named(Page([page ?? 1], page is null ? "/same?page=2" : null), page is null ? "urn:ogc:def:crs:EPSG::4490" : "EPSG:4490"),
            "application/geo+json"));
    });

    [Fact]
    public async Task Should_refuse_the_layer_naming_both()
    {
        var adapter = _state.Adapter();

        await Source(adapter, "/mixed").PollAsync(CancellationToken.None);

        Assert.Equal(0, adapter.Store.Position().LastSequence);
        var reason = Assert.Single(adapter.Store.RefusedExports(5)).Reason;
        Assert.Contains("names the coordinate system EPSG:4528", reason, StringComparison.Ordinal);
        Assert.Contains("the first page named EPSG:4490", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_a_later_page_naming_a_system_where_the_first_named_none()
    {
        var adapter = _state.Adapter();

        await Source(adapter, "/named-later").PollAsync(CancellationToken.None);

        Assert.Equal(0, adapter.Store.Position().LastSequence);
        var reason = Assert.Single(adapter.Store.RefusedExports(5)).Reason;
        Assert.Contains("page 2", reason, StringComparison.Ordinal);
        Assert.Contains("names the coordinate system EPSG:4528", reason, StringComparison.Ordinal);
        Assert.Contains("the first page named none, which reads as EPSG:4490", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_read_a_later_page_naming_none_in_the_first_pages_system()
    {
        var adapter = _state.Adapter();

        await Source(adapter, "/named-first").PollAsync(CancellationToken.None);

        Assert.Empty(adapter.Store.RefusedExports(5));
        Assert.Equal(2, adapter.Store.Published(Layer).Count);
    }

    [Fact]
    public async Task Should_take_pages_that_name_one_system_in_two_spellings()
    {
        var adapter = _state.Adapter();

        await Source(adapter, "/same").PollAsync(CancellationToken.None);

        Assert.Empty(adapter.Store.RefusedExports(5));
        Assert.Equal(2, adapter.Store.Published(Layer).Count);
    }

    static string Named(string page, string crs) =>
        page.Replace("""{"type":"FeatureCollection",""", $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"{{{crs}}}"}},""", StringComparison.Ordinal);

    HttpExportSource Source(DepartmentAdapter adapter, string path) =>
        new(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url(path) }, new HttpClient(), NullLogger<HttpExportSource>.Instance);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _state.Dispose();
}
