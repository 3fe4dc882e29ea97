using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using NetTopologySuite.Geometries;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Geo;
using ZoningHub.Node.Grpc;
using ZoningHub.Node.Query;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The gRPC listing needs no credential either, and each call reads the node's scope into memory: it is served under
/// the same limit as the GeoJSON listings, and a caller past it is told so in gRPC's terms.
/// </summary>
public sealed class When_many_list_a_nodes_units_over_gRPC_at_once
{
    const string Credential = "hub-secret";

    [Fact]
    public async Task Should_serve_as_many_at_once_as_the_limit_allows_and_refuse_the_rest_as_resource_exhausted()
    {
        using var data = new TemporaryDirectory("zoninghub-node-");
        await using var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = data.Path,
            ["Limits:GeoJson:Concurrent"] = "1", ["Limits:GeoJson:Queued"] = "0",
        }, withGrpc: true, b => { b.AddServiceDefaults(); b.AddNode(); }, app =>
        {
            app.MapGrpcService<UnitPushService>();
            app.MapGrpcService<NodeQueryService>();
            app.MapDefaultEndpoints();
        });
        using var channel = GrpcChannel.ForAddress(node.GrpcUrl!);
        // Forty units of some 30 KB each: a listing takes long enough for others to arrive meanwhile.
        var units = Enumerable.Range(1, 40).Select(i => new UnitRevision
        {
            Revision = i, Code = $"ZH330106{i:00000}", County = "330106", Type = UnitType.GeneralControl, Version = 1, ContentHash = $"hash-{i}",
            GeometryWkb = ByteString.CopyFrom(GeoContext.WriteWkb(GeoContext.Factory.CreatePoint(new Coordinate(120 + i * 0.01, 30)).Buffer(0.004, 500))),
        }.ToByteString());
        await new UnitPush.UnitPushClient(channel).ApplyUnitsAsync(new ApplyUnitsRequest { HubId = "hub", FromRevision = 0, ToRevision = 40, Units = { units } },
            new Metadata { { "authorization", $"Bearer {Credential}" } }, DateTime.UtcNow.AddSeconds(10));

        var client = new NodeQuery.NodeQueryClient(channel);
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            try
            {
                using var call = client.ListUnits(new ListUnitsRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
                return (await call.ResponseStream.ReadAllAsync().CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (RpcException e)
            {
                return $"{e.StatusCode}: {e.Status.Detail}";
            }
        }));

        Assert.Contains("40", answers);
        Assert.Contains("ResourceExhausted: Too many listings are being served; ask again shortly, or ask for less (a county, a type).", answers);
        Assert.All(answers, a => Assert.True(a is "40" || a.StartsWith("ResourceExhausted", StringComparison.Ordinal), a));
    }
}
