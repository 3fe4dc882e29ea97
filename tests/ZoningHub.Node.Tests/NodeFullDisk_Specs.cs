using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.ServiceDefaults;
using ZoningHub.Testing;

namespace ZoningHub.Node.Tests;

/// <summary>
/// A node whose disk is full refuses every push in its store's words, while its store still opens and reads: readiness
/// says it is not ready until a write succeeds again, as the hub's does (When_the_hubs_disk_is_full). The disk is a real
/// 3 MiB tmpfs that fills up (mounting one needs root, as the test command runs). The standard gRPC health service on
/// the node's gRPC port, which a load balancer in front of it probes, says the same.
/// </summary>
public sealed class When_a_nodes_disk_is_full : IDisposable
{
    const string Credential = "the-hubs";
    readonly SmallDisk _disk = new();

    string Disk => _disk.Path;

    [Fact]
    public async Task Should_report_not_ready_while_its_store_takes_no_push_and_ready_once_one_is_taken()
    {
        await using var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = Path.Combine(Disk, "node"),
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapDefaultEndpoints().MapNode());
        using var channel = GrpcChannel.ForAddress(node.GrpcUrl!);
        var push = new UnitPush.UnitPushClient(channel);
        var health = new Health.HealthClient(channel);
        await push.ApplyUnitsAsync(Batch(1, 1_000), Authorized());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(node.HttpUrl, "/health/ready"))).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        var filler = _disk.Fill();
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await push.ApplyUnitsAsync(Batch(2, 400_000), Authorized()));
        Assert.Equal(StatusCode.Internal, refused.StatusCode);

        using (var ready = await Http.GetAsync(new Uri(node.HttpUrl, "/health/ready")))
        {
            var said = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"/health/ready answered {(int)ready.StatusCode} '{said}' while the node's store took no push");
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);

        File.Delete(filler);
        await push.ApplyUnitsAsync(Batch(2, 400_000), Authorized());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(node.HttpUrl, "/health/ready"))).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task Should_report_not_ready_once_its_disk_is_full_before_any_write_fails()
    {
        await using var node = await ServiceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Node:Id"] = "zhejiang", ["Node:Scope"] = "33", ["Node:HubCredential"] = Credential, ["Node:DataDirectory"] = Path.Combine(Disk, "node"),
        }, withGrpc: true, b => b.AddServiceDefaults().AddNode(), app => app.MapDefaultEndpoints().MapNode());
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(node.HttpUrl, "/health/ready"))).StatusCode);

        // Nothing is pushed: before, readiness learnt of a full disk only from a write that failed on it.
        var filler = _disk.Fill();
        using (var ready = await Http.GetAsync(new Uri(node.HttpUrl, "/health/ready")))
        {
            var said = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable && said.Contains("its disk is full", StringComparison.Ordinal),
                $"/health/ready answered {(int)ready.StatusCode} '{said}' with the node's disk full");
        }

        File.Delete(filler);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(node.HttpUrl, "/health/ready"))).StatusCode);
    }

    static readonly HttpClient Http = new();

    static Metadata Authorized() => new() { { "authorization", $"Bearer {Credential}" } };

    /// <summary>Revision <paramref name="revision"/>: one key-control unit of county 330106 with that much geometry.</summary>
    static ApplyUnitsRequest Batch(long revision, int geometryBytes) => new()
    {
        HubId = "hub", LogId = "", FromRevision = revision - 1, ToRevision = revision,
        Units =
        {
            new UnitRevision
            {
                Revision = revision, Code = $"ZH3301062000{revision}", County = "330106", Type = UnitType.KeyControl, Version = 1,
                ContentHash = $"hash-{revision}", GeometryWkb = ByteString.CopyFrom(new byte[geometryBytes]),
            }.ToByteString(),
        },
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _disk.Dispose();
    }
}
