using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Query.V1;

namespace ZoningHub.Node.Tests;

/// <summary>Issue 5: every unit reaches the national node; each provincial node gets its province and nothing else.</summary>
public sealed class When_the_hub_pushes_to_national_and_provincial_nodes
{
    [Fact]
    public async Task Should_give_each_node_exactly_its_scope_with_matching_digests()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();

        var all = system.HubUnits("national");
        var counties = system.Hub.ActiveUnits().ToDictionary(u => u.Code, u => u.County);
        Assert.All(ProvinceWorld.Provinces, p => Assert.Contains(all.Keys, code => counties[code].StartsWith(p, StringComparison.Ordinal)));
        Assert.Equal(Sorted(all), Sorted(system.National.Units()));
        foreach (var province in new[] { "33", "34" })
        {
            var node = system.Province(province);
            var held = node.Units();
            Assert.NotEmpty(held);
            Assert.Equal(Sorted(system.HubUnits(province)), Sorted(held));
            // Checked by code, not only by count: no unit of another province, including Jiangsu's, which has no node of its own.
            Assert.All(held.Keys, code => Assert.StartsWith(province, counties[code], StringComparison.Ordinal));
        }

        foreach (var node in system.Nodes)
        {
            var digest = node.Digest();
            Assert.Equal(system.HubDigest(node), (digest.Digest, digest.UnitCount));
        }
    }

    [Fact]
    public async Task Should_answer_a_county_over_HTTP_exactly_as_the_hub_does()
    {
        await using var system = await PushedSystem.StartAsync();
        await system.LoadAsync();
        var county = system.Hub.ActiveUnits().Select(u => u.County).First(c => c.StartsWith("33", StringComparison.Ordinal));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        foreach (var query in new[] { $"county={county}", $"county={county}&simplify=0.001" })
        {
            var hub = JsonNode.Parse((await system.Hub.GetJsonAsync($"/api/units?{query}")).GetRawText())!;
            var node = JsonNode.Parse(await http.GetStringAsync(new Uri(system.Province("33").HttpUrl, $"/api/units?{query}")))!;
            Assert.NotEmpty(hub["features"]!.AsArray());
            // The hub adds the unit's identity (its derivation key), which nodes are not sent; all else is the same, geometry included.
            foreach (var feature in hub["features"]!.AsArray())
            {
                Assert.True(feature!["properties"]!.AsObject().Remove("identity"), "the hub names each unit's identity");
            }

            Assert.True(JsonNode.DeepEquals(hub, node), $"hub: {Excerpt(hub)}\nnode: {Excerpt(node)}");
        }
    }

    static string Excerpt(JsonNode collection) => collection["features"]![0]!["properties"]!.ToJsonString();

    [Fact]
    public async Task Should_refuse_malformed_filters_on_the_hub_as_the_node_does()
    {
        await using var system = await PushedSystem.StartAsync();
        // Enum parsing alone reads "1,2" as 1|2 = 3, general control: a silently wrong answer instead of an error.
        var response = await system.Hub.GetAsync("/api/units?type=PriorityProtection,KeyControl");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not 1/PriorityProtection", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Over gRPC a province of one digit matched no unit, answering an empty list instead of saying why.
        using var channel = GrpcChannel.ForAddress(system.Hub.GrpcUrl);
        using var call = new HubQuery.HubQueryClient(channel)
            .ListUnits(new ListUnitsRequest { Province = "3" }, deadline: DateTime.UtcNow.AddSeconds(10));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("province '3' is not a two-digit province code such as 33.", refused.Status.Detail);
    }

    static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string> units) => [.. units.OrderBy(u => u.Key, StringComparer.Ordinal)];
}
