using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using NetTopologySuite.Geometries;
using ZoningHub.Contracts.Grpc.Node.V1;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.Contracts.Grpc.Query.V1;
using ZoningHub.Geo;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>A provincial node (33) serving its read side over HTTP and gRPC, filled by pushes of round units in county 330106.</summary>
public sealed class QueryNode(ServiceHost host, TemporaryDirectory data) : IAsyncDisposable
{
    const string Credential = "hub-secret";

    public static async Task<QueryNode> StartAsync(params (string Key, string Value)[] settings)
    {
        var data = new TemporaryDirectory("zoninghub-node-");
        var configuration = new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = data.Path,
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        // Mapped as a node's Program maps it, with the hub's credential checked.
        return new(await ServiceHost.StartAsync(configuration, withGrpc: true, b => { b.AddServiceDefaults(); b.AddNode(); },
            app => app.MapNode().MapDefaultEndpoints()), data);
    }

    public Uri HttpUrl => host.HttpUrl;

    public GrpcChannel Channel { get; } = GrpcChannel.ForAddress(host.GrpcUrl!);

    public HttpClient Http { get; } = new() { BaseAddress = host.HttpUrl, Timeout = TimeSpan.FromSeconds(20) };

    public T Service<T>() where T : notnull => host.Service<T>();

    /// <summary>Pushes units ZH33010600001… as revisions 1…<paramref name="count"/>; 500 segments of radius 0.004 are some 32 KB a unit.</summary>
    public async Task PushAsync(int count, double radius = 0.001, int segments = 4)
    {
        var units = Enumerable.Range(1, count).Select(i => new UnitRevision
        {
            Revision = i, Code = $"ZH330106{i:00000}", County = "330106", Type = UnitType.GeneralControl, Version = 1, ContentHash = $"hash-{i}",
            GeometryWkb = ByteString.CopyFrom(GeoContext.WriteWkb(GeoContext.Factory.CreatePoint(new Coordinate(120 + i * 0.01, 30)).Buffer(radius, segments))),
        }.ToByteString());
        await new UnitPush.UnitPushClient(Channel).ApplyUnitsAsync(new ApplyUnitsRequest { HubId = "hub", FromRevision = 0, ToRevision = count, Units = { units } },
            new Metadata { { "authorization", $"Bearer {Credential}" } }, DateTime.UtcNow.AddSeconds(10));
    }

    /// <summary>
    /// Starts a gRPC listing, reads its first unit and stops reading, as a paused QGIS or a slow link does: with more than
    /// HTTP/2's flow-control windows still to send, the node's write waits on the client.
    /// </summary>
    public async Task<AsyncServerStreamingCall<UnitRevision>> StallAListingAsync()
    {
        var call = new NodeQuery.NodeQueryClient(Channel).ListUnits(new ListUnitsRequest());
        Assert.True(await call.ResponseStream.MoveNext());
        return call;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await host.DisposeAsync();
        data.Dispose();
    }
}
