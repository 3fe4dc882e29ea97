using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>
/// A service that writes its pages with a UTF-8 byte order mark (an ASP.NET handler writing through Encoding.UTF8's
/// preamble, a file served as it was saved): each page is the same collection, and was refused as not JSON.
/// </summary>
public sealed class When_a_department_service_writes_a_byte_order_mark : IAsyncLifetime
{
    readonly string _state = Directory.CreateTempSubdirectory("zoninghub-http-bom-").FullName;
    DepartmentService _service = null!;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
        app.MapGet("/collections/redline/items", (int? page) => Results.Bytes(
            [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(page is null ? Page([1, 2], next: "items?page=2") : Page([3], next: null))],
            "application/geo+json")));

    [Fact]
    public async Task Should_take_every_page()
    {
        var options = NativeSchemas.OneMap();
        options.StateDirectory = Path.Combine(_state, "adapter");
        options.InboxDirectory = Path.Combine(_state, "inbox");
        var adapter = new DepartmentAdapter(options, TimeProvider.System);
        var source = new HttpExportSource(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url("/collections/redline/items") },
            new HttpClient(), NullLogger<HttpExportSource>.Instance);

        await source.PollAsync(CancellationToken.None);

        Assert.Empty(adapter.Store.RefusedExports(5));
        Assert.Equal(["HX-1", "HX-2", "HX-3"], Assert.Single(adapter.Store.Unpublished(10)).Features.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }
}
