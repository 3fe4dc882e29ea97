using System.Buffers.Binary;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ZoningHub.Adapters.Kit;
using ZoningHub.Adapters.Kit.Departments;
using ZoningHub.Adapters.Kit.Exports;
using ZoningHub.Adapters.Kit.Outbox;
using ZoningHub.Adapters.Tests.Inbox;
using ZoningHub.Adapters.Tests.Sources;
using static ZoningHub.Adapters.Tests.Exports.ExportFixtures;
using static ZoningHub.Adapters.Tests.Exports.HandMadeShapefile;
using static ZoningHub.Adapters.Tests.Sources.RedlinePages;

namespace ZoningHub.Adapters.Tests.Exports;

/// <summary>
/// Found by review (session 17), now fixed: before, credentials are "sent only to the Url's own scheme, host and port" (README, HTTP sources). HttpLayerReader
/// only checks the page it requests; the HttpClient then follows a redirect by itself, and .NET strips Authorization
/// on a redirect but keeps every other header. A source identified by HeaderName/HeaderValue (an API key) hands its
/// key to whatever host the service redirects to (a CDN, a mirror, a hijacked DNS name).
/// </summary>
public sealed class When_a_department_service_redirects : IAsyncLifetime, IDisposable
{
    const string Secret = "s3cret";
    readonly TemporaryInbox _state = new();
    DepartmentService _service = null!;
    string? _keyElsewhere;

    public async Task InitializeAsync() => _service = await DepartmentService.StartAsync(app =>
    {
        // The source's own host answers with a redirect to another host (localhost, not 127.0.0.1) that was given no secret.
        app.MapGet("/items", (HttpRequest request) => Results.Redirect($"http://localhost:{request.Host.Port}/mirror"));
        // The same host moves its collection (a trailing slash, a new version path): still the source's own scheme, host and port.
        app.MapGet("/moved", () => Results.Redirect("/v2/items"));
        app.MapGet("/v2/items", (HttpRequest request) => request.Headers.Authorization == $"Bearer {Secret}"
            ? Results.Text(Page([1], null), "application/geo+json")
            : Results.Unauthorized());
        app.MapGet("/mirror", (HttpRequest request) =>
        {
            _keyElsewhere = request.Headers["X-Api-Key"].ToString();
            return Results.Text(Page([1], null), "application/geo+json");
        });
        // A moved collection whose next link is relative: relative to where the page was read, not to the Url.
        app.MapGet("/archive", () => Results.Redirect("/v3/first"));
        app.MapGet("/v3/first", () => Results.Text(Page([1], "second"), "application/geo+json"));
        app.MapGet("/v3/second", () => Results.Text(Page([2], null), "application/geo+json"));
        app.MapGet("/round", () => Results.Redirect("/round"));
    });

    [Fact]
    public async Task Should_not_send_the_API_key_to_the_host_it_redirects_to()
    {
        var adapter = _state.Adapter();
        var source = new HttpSourceOptions
        {
            Layer = Layer, Url = _service.Url("/items"), Credentials = new() { HeaderName = "X-Api-Key", HeaderValue = Secret },
        };

        await Poll(adapter, source);

        Assert.NotNull(_keyElsewhere);
        Assert.Equal("", _keyElsewhere);
    }

    /// <summary>
    /// The other side of the same cause: .NET drops Authorization on every redirect, its own host's included, so a service
    /// that moves its collection within its host answers 401 and the source shows as misconfigured ("the credentials set").
    /// </summary>
    [Fact]
    public async Task Should_take_the_layer_when_the_service_redirects_within_its_own_host()
    {
        var adapter = _state.Adapter();
        var source = new HttpSourceOptions { Layer = Layer, Url = _service.Url("/moved"), Credentials = new() { BearerToken = Secret } };

        await Poll(adapter, source);

        var poll = Assert.Single(adapter.Store.LastPolls().Values);
        Assert.True(adapter.Store.Position().LastSequence == 1, $"poll {poll.Outcome} {poll.Status}: {poll.Error}");
    }

    [Fact]
    public async Task Should_read_a_relative_next_link_from_where_the_redirect_led()
    {
        var adapter = _state.Adapter();

        await Poll(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url("/archive") });

        var poll = Assert.Single(adapter.Store.LastPolls().Values);
        Assert.True(poll.Outcome == PollOutcomes.Taken, $"poll {poll.Outcome} {poll.Status}: {poll.Error}");
        Assert.Equal(2, adapter.Store.Range(1, long.MaxValue).Sum(c => c.Features.Count));
    }

    [Fact]
    public async Task Should_give_up_on_redirects_that_go_round_and_say_where()
    {
        var adapter = _state.Adapter();

        await Poll(adapter, new HttpSourceOptions { Layer = Layer, Url = _service.Url("/round") });

        var poll = Assert.Single(adapter.Store.LastPolls().Values);
        Assert.Equal((PollOutcomes.Unreachable, 302), (poll.Outcome, poll.Status));
        Assert.Contains($"{_service.Url("/round")} is redirected more than 5 times", poll.Error, StringComparison.Ordinal);
    }

    /// <summary>The client the adapter's host gives its sources, not only the one these specs build, leaves redirects to the reader.</summary>
    [Fact]
    public async Task Should_leave_redirects_to_the_reader_in_the_adapters_own_client()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Adapters:natural-resources:HttpSources:0:Layer"] = Layer,
            ["Adapters:natural-resources:HttpSources:0:Url"] = _service.Url("/moved").ToString(),
            ["Adapters:natural-resources:StateDirectory"] = Path.Combine(_state.Root, "hosted"),
            ["Adapters:natural-resources:InboxDirectory"] = Path.Combine(_state.Root, "hosted-inbox"),
        });
        builder.AddDepartmentAdapter(NativeSchemas.OneMap);
        using var host = builder.Build();

        using var response = await host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Layer).GetAsync(_service.Url("/moved"));

        Assert.Equal(System.Net.HttpStatusCode.Found, response.StatusCode);
    }

    static Task Poll(DepartmentAdapter adapter, HttpSourceOptions source) =>
        new HttpExportSource(adapter, source, new HttpClient(HttpExportSource.Handler()), NullLogger<HttpExportSource>.Instance).PollAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _state.Dispose();
}

/// <summary>
/// Found by review (session 17), now fixed: before, without a .cpg, ShapefileEncoding.Resolve tells UTF-8 from GBK by the records only (bytes after the header).
/// Field names live in the header; Chinese field names (面积, 编号) in UTF-8 over records whose values are all ASCII
/// (codes, numbers) are decoded as GBK: a good export is refused with a garbled field name (闈㈢Н) the operator cannot match.
/// </summary>
public sealed class When_a_dbf_without_cpg_names_its_fields_in_UTF8
{
    static readonly (double X, double Y)[] Shell = Square(500000, 3300000, 5000, clockwise: true);

    [Fact]
    public void Should_read_the_field_names_as_UTF8()
    {
        var zip = Rezip(Zip(5, new Shape("HX-1", [Shell])), (name, content) => name.EndsWith(".cpg", StringComparison.Ordinal) ? null
            : name.EndsWith(".dbf", StringComparison.Ordinal) ? Dbf.Write([("HXBH", 'C', 20, 0), ("HXMC", 'C', 20, 0), ("XZQDM", 'C', 6, 0), ("面积", 'N', 19, 2)],
                [["HX-1", "Qiandao Lake", "330127", "12.50"]], Encoding.UTF8)
            : content);
        var mapping = Redline;
        mapping.Properties["area"] = "面积";

        var feature = Assert.Single(ExportReader.Read("redline.zip", zip, mapping));

        Assert.Equal(12.5, feature.Properties["area"].GetDouble());
    }
}

/// <summary>
/// Found by review (session 17), now fixed: before, FeatureMapper takes a numeric id as its JSON text, so one number written two ways is two features. GDAL writes
/// a Real field as 330127001.0 where a Shapefile's N field or an Integer field gives 330127001 (FeatureMapper's own
/// promise: "a layer that moves from GeoJSON to Shapefile keeps its ids"). The next export deletes every feature and
/// publishes each again under a new id (the hub retires their units and numbers new ones); and two features with the same
/// number (1200 and 1.2E3) pass the duplicate-id check.
/// </summary>
public sealed class When_an_export_writes_a_numeric_id_another_way : IDisposable
{
    readonly TemporaryInbox _inbox = new();

    [Fact]
    public void Should_publish_nothing_for_the_same_layer_with_its_ids_written_as_reals()
    {
        var adapter = _inbox.Adapter();
        adapter.TakeExport(TemporaryInbox.Layer, "a.geojson", "a.geojson", Export(("330127001", "119.1")));
        Assert.Equal(1, adapter.Store.Position().LastSequence);

        var outcome = adapter.TakeExport(TemporaryInbox.Layer, "b.geojson", "b.geojson", Export(("330127001.0", "119.1")));

        Assert.True(outcome.ChangeSets == 0, $"{outcome.ChangeSets} change set(s) published: "
            + string.Join(" | ", adapter.Store.Range(2, long.MaxValue).SelectMany(c => c.Features).Select(f => $"{f.Operation} {f.Id}")));
    }

    [Fact]
    public void Should_refuse_two_features_with_the_same_numeric_id() =>
        Assert.Contains("appears more than once", Refusal("r.geojson", Export(("1200", "119.1"), ("1.2E3", "119.3")), Redline), StringComparison.Ordinal);

    static byte[] Export(params (string Id, string Lon)[] features) => Encoding.UTF8.GetBytes($$"""
        {"type":"FeatureCollection","features":[{{string.Join(",", features.Select(f => $$$"""
            {"type":"Feature","properties":{"HXBH":{{{f.Id}}},"HXMC":"红线","XZQDM":"330127"},
             "geometry":{"type":"Polygon","coordinates":[[[{{{f.Lon}}},29.6],[119.15,29.6],[119.15,29.65],[{{{f.Lon}}},29.6]]]}}
            """))}}]}
        """);

    public void Dispose() => _inbox.Dispose();
}

/// <summary>
/// Found by review (session 17), now fixed: before, ExportGeometry promises the contract's geometry in "two dimensions"; a Shapefile's PolygonZ and a projected
/// GeoJSON lose their heights on the way, but a GeoJSON in longitude/latitude passes through with [lon, lat, z]. Its
/// features are published three-dimensional, and an export that only re-surveyed heights is a new version of each.
/// </summary>
public sealed class When_a_GeoJSON_export_in_degrees_carries_heights
{
    [Fact]
    public void Should_publish_two_dimensions()
    {
        var feature = Assert.Single(ExportReader.Read("r.geojson", Export("12.5"), Redline));

        Assert.All(feature.Geometry.GetProperty("coordinates")[0].EnumerateArray(), position => Assert.Equal(2, position.GetArrayLength()));
    }

    [Fact]
    public void Should_hash_the_same_outline_alike_whatever_its_heights() =>
        Assert.Equal(Assert.Single(ExportReader.Read("r.geojson", Export("12.5"), Redline)).Hash,
            Assert.Single(ExportReader.Read("r.geojson", Export("30"), Redline)).Hash);

    static byte[] Export(string z) => Encoding.UTF8.GetBytes($$$"""
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"HXBH":"HX-1","HXMC":"红线","XZQDM":"330127"},
         "geometry":{"type":"Polygon","coordinates":[[[119.1,29.6,{{{z}}}],[119.15,29.6,{{{z}}}],[119.15,29.65,{{{z}}}],[119.1,29.6,{{{z}}}]]]}}]}
        """);
}

/// <summary>A dBASE III table written byte by byte: fields (name, type, length, decimals), text in <c>encoding</c>, numbers right-aligned.</summary>
static class Dbf
{
    public static byte[] Write((string Name, char Type, int Length, int Decimals)[] fields, string[][] records, Encoding encoding)
    {
        var d = new MemoryStream();
        var h = new byte[32];
        h[0] = 3; h[1] = 124; h[2] = 1; h[3] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), (uint)records.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), (ushort)(32 + 32 * fields.Length + 1));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(10), (ushort)(1 + fields.Sum(f => f.Length)));
        d.Write(h);
        foreach (var (name, type, length, decimals) in fields)
        {
            var f = new byte[32];
            encoding.GetBytes(name).CopyTo(f, 0);
            f[11] = (byte)type;
            f[16] = (byte)length;
            f[17] = (byte)decimals;
            d.Write(f);
        }

        d.WriteByte(0x0D);
        foreach (var record in records)
        {
            d.WriteByte((byte)' ');
            for (var i = 0; i < fields.Length; i++)
            {
                var bytes = encoding.GetBytes(record[i]);
                var padded = Enumerable.Repeat((byte)' ', fields[i].Length).ToArray();
                bytes.CopyTo(padded, fields[i].Type is 'N' or 'F' ? fields[i].Length - bytes.Length : 0);
                d.Write(padded);
            }
        }

        d.WriteByte(0x1A);
        return d.ToArray();
    }
}
