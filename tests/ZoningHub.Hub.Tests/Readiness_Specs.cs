using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>/health/ready says whether the hub can serve: not while its store is unreadable, though the process is alive.</summary>
public sealed class When_the_hubs_store_becomes_unreadable
{
    [Fact]
    public async Task Should_report_not_ready_naming_the_store_and_stay_alive()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        using var channel = GrpcChannel.ForAddress(hub.GrpcUrl);
        var health = new Health.HealthClient(channel);
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);

        // Damaged in place (a disk fault, a bad restore): every read of the store fails.
        var garbage = new byte[64 * 1024];
        new Random(1).NextBytes(garbage);
        foreach (var file in Directory.GetFiles(data.Path, "hub.db*"))
        {
            File.WriteAllBytes(file, garbage);
        }

        Assert.Equal(HttpStatusCode.InternalServerError, (await hub.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await hub.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.GetAsync("/alive")).StatusCode);
        // The standard gRPC health service on the hub's gRPC port says the same.
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }
}
