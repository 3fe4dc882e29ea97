using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using NetTopologySuite.IO;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Geo;
using ZoningHub.Node;
using ZoningHub.Node.Grpc;
using ZoningHub.Node.Query;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Node.Tests;

/// <summary>A Zhejiang node, pushed to over its real UnitPush, read by local users over HTTP and gRPC (no hub credential).</summary>
public sealed class When_NodeQuery_serves_local_users : IAsyncLifetime, IDisposable
{
    const string Credential = "hub-secret";
    const string Lake = "ZH33010610001", Hill = "ZH33010620001", Port = "ZH33020330001", Gone = "ZH33010630002";

    readonly TemporaryDirectory _data = new("zoninghub-node-");
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    ServiceHost _node = null!;
    GrpcChannel _channel = null!;

    static readonly UnitRevision LakeUnit = Unit(1, Lake, "330106", UnitType.PriorityProtection, Box(120, 30, 120.1, 30.1));

    public async Task InitializeAsync()
    {
        _node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = _data.Path,
        }, withGrpc: true, b => { b.AddServiceDefaults(); b.AddNode(); }, app =>
        {
            app.MapNodeQueries();
            app.MapGrpcService<UnitPushService>();
            app.MapGrpcService<NodeQueryService>();
            app.MapDefaultEndpoints();
        });
        _channel = GrpcChannel.ForAddress(_node.GrpcUrl!);
        var batch = new ApplyUnitsRequest
        {
            HubId = "hub", FromRevision = 0, ToRevision = 4,
            Units =
            {
                LakeUnit.ToByteString(),
                Unit(2, Hill, "330106", UnitType.KeyControl, Box(120.1, 30, 120.2, 30.1)).ToByteString(),
                Unit(3, Port, "330203", UnitType.GeneralControl, Box(121.5, 29.8, 121.6, 29.9)).ToByteString(),
                Unit(4, Gone, "330106", UnitType.GeneralControl, Box(120.2, 30, 120.3, 30.1), retired: true).ToByteString(),
            },
        };
        var reply = await new UnitPush.UnitPushClient(_channel).ApplyUnitsAsync(batch,
            new Metadata { { "authorization", $"Bearer {Credential}" } }, DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(4, reply.AcknowledgedRevision);
    }

    [Theory]
    [InlineData(null, null, null, Lake, Hill, Port)]
    [InlineData("33", null, null, Lake, Hill, Port)]
    [InlineData(null, "330106", null, Lake, Hill)]
    [InlineData(null, null, "KeyControl", Hill)]
    [InlineData("33", "330203", "3", Port)]
    public async Task Should_list_the_same_active_units_over_HTTP_and_gRPC(string? province, string? county, string? type, params string[] expected)
    {
        var query = string.Join('&', new[] { ("province", province), ("county", county), ("type", type) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
        var response = await _http.GetAsync(new Uri(_node.HttpUrl, $"/api/units?{query}"));
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expected, collection.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()));

        var call = new NodeQuery.NodeQueryClient(_channel).ListUnits(new ListUnitsRequest
        {
            Province = province ?? "", County = county ?? "", Type = type is null ? UnitType.Unspecified : Enum.Parse<UnitType>(type),
        }, deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(expected, await call.ResponseStream.ReadAllAsync().Select(u => u.Code).ToListAsync());
    }

    [Fact]
    public async Task Should_page_a_listing_by_following_its_next_links_keeping_the_filters()
    {
        var (pages, next) = (new List<string[]>(), (Uri?)new Uri(_node.HttpUrl, "/api/units?county=330106&limit=1"));
        while (next is not null)
        {
            var page = JsonDocument.Parse(await _http.GetStringAsync(next)).RootElement;
            var ids = page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
            Assert.Equal(ids.Length, page.GetProperty("numberReturned").GetInt32());
            pages.Add(ids);
            // A link is resolved against the page it is on (RFC 8288 §3.2).
            var from = next;
            next = page.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(from, l.GetProperty("href").GetString()!)).SingleOrDefault();
            Assert.True(pages.Count <= 3, "the links end");
        }

        // One unit a page, the retired one never, and the county filter carried from page to page (Port is in 330203).
        Assert.Equal([[Lake], [Hill]], pages);
        var whole = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_node.HttpUrl, "/api/units?limit=10"))).RootElement;
        Assert.Equal(3, whole.GetProperty("numberReturned").GetInt32());
        Assert.Empty(whole.GetProperty("links").EnumerateArray());
        Assert.False(JsonDocument.Parse(await _http.GetStringAsync(new Uri(_node.HttpUrl, "/api/units"))).RootElement.TryGetProperty("links", out _),
            "without a limit the listing is whole, as before paging");
    }

    [Fact]
    public async Task Should_serve_one_unit_as_a_GeoJSON_feature_and_as_the_pushed_message()
    {
        var feature = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_node.HttpUrl, $"/api/units/{Lake}"))).RootElement;
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal("[120,30]", feature.GetProperty("geometry").GetProperty("coordinates")[0][0].GetRawText());
        var properties = feature.GetProperty("properties");
        Assert.Equal("PriorityProtection", properties.GetProperty("type").GetString());
        Assert.Equal(1, properties.GetProperty("typeDigit").GetInt32());
        Assert.Equal(1234567.89, properties.GetProperty("areaSquareMetres").GetDouble());
        Assert.Equal("one-map:" + Lake, properties.GetProperty("sources")[0].GetString());
        Assert.Equal("E1", properties.GetProperty("accessList")[0].GetProperty("forbiddenIndustries")[0].GetString());

        var client = new NodeQuery.NodeQueryClient(_channel);
        Assert.Equal(LakeUnit, await client.GetUnitAsync(new GetUnitRequest { Code = Lake }, deadline: DateTime.UtcNow.AddSeconds(10)));
        // A retired code is never reused, so asking for it says "retired" rather than "unknown".
        Assert.True((await client.GetUnitAsync(new GetUnitRequest { Code = Gone }, deadline: DateTime.UtcNow.AddSeconds(10))).Retired);
    }

    [Fact]
    public async Task Should_simplify_for_display_when_asked_as_the_hub_does()
    {
        var collection = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_node.HttpUrl, "/api/units?county=330106&simplify=0.001"))).RootElement;
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal([Lake, Hill], features.Select(f => f.GetProperty("id").GetString()));
        Assert.All(features, f => Assert.Equal("Polygon", f.GetProperty("geometry").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Should_answer_not_found_for_a_code_the_node_does_not_hold()
    {
        var response = await _http.GetAsync(new Uri(_node.HttpUrl, "/api/units/ZH11010110001"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'ZH11010110001'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new NodeQuery.NodeQueryClient(_channel)
            .GetUnitAsync(new GetUnitRequest { Code = "ZH11010110001" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    [Theory]
    [InlineData("province=3", "province '3' is not a two-digit province code")]
    [InlineData("province=93", "province '93' is not a two-digit province code")]
    [InlineData("county=33010", "county '33010' is not a six-digit county code")]
    [InlineData("type=0", "type '0' is not 1/PriorityProtection")]
    [InlineData("type=PriorityProtection,KeyControl", "type 'PriorityProtection,KeyControl' is not")]
    [InlineData("province=11", "province 11 is outside node zhejiang's scope (province 33)")]
    [InlineData("county=340102", "county 340102 is outside node zhejiang's scope (province 33)")]
    [InlineData("simplify=0.5", "simplify '0.5' is not a tolerance in degrees")]
    [InlineData("simplify=NaN", "simplify 'NaN' is not a tolerance in degrees")]
    [InlineData("simplify=abc", "Failed to bind parameter \"Nullable<double> simplify\" from \"abc\".")]
    [InlineData("limit=ten", "Failed to bind parameter \"Nullable<int> limit\" from \"ten\".")]
    [InlineData("limit=0", "limit must be from 1 to 10000 units a page (it was 0)")]
    [InlineData("limit=10001", "limit must be from 1 to 10000 units a page (it was 10001)")]
    public async Task Should_refuse_a_malformed_or_out_of_scope_filter_saying_which(string query, string detail)
    {
        var response = await _http.GetAsync(new Uri(_node.HttpUrl, $"/api/units?{query}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(),
            StringComparison.Ordinal);

        if (!query.StartsWith("province", StringComparison.Ordinal) && !query.StartsWith("county", StringComparison.Ordinal))
        {
            return; // gRPC takes the type as an enum, geometry exact, and streams rather than pages.
        }

        var (name, value) = (query.Split('=')[0], query.Split('=')[1]);
        var call = new NodeQuery.NodeQueryClient(_channel).ListUnits(new ListUnitsRequest
        {
            Province = name == "province" ? value : "", County = name == "county" ? value : "",
        }, deadline: DateTime.UtcNow.AddSeconds(10));
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.ReadAllAsync().ToListAsync().AsTask());
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith(detail, refused.Status.Detail, StringComparison.Ordinal);
    }

    static UnitRevision Unit(long revision, string code, string county, UnitType type, string wkt, bool retired = false) => new()
    {
        Revision = revision, Code = code, County = county, Type = type, Version = 1, Retired = retired,
        GeometryWkb = ByteString.CopyFrom(GeoContext.WriteWkb(new WKTReader(GeoContext.Services).Read(wkt))),
        AreaSquareMetres = 1234567.891, ContentHash = $"hash-{code}", Sources = { "one-map:" + code },
        AccessList = { new AccessRule { Dimension = "spatial-layout", TextZh = "禁止", TextEn = "Forbidden", ForbiddenIndustries = { "E1" } } },
    };

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _node.DisposeAsync();
    }

    // xunit calls this after DisposeAsync, so the node is stopped before its folder goes.
    public void Dispose()
    {
        _http.Dispose();
        _data.Dispose();
    }
}
