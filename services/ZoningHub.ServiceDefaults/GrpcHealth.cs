using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// The standard gRPC health service (<c>grpc.health.v1.Health</c>) on a service's gRPC port, for what probes gRPC there:
/// a load balancer in front of the national platform's node, Kubernetes' gRPC probe, <c>grpc_health_probe</c>. It answers
/// from the checks <c>/health/ready</c> runs, run afresh at each <c>Check</c>: NOT_SERVING while one is unhealthy (a store
/// that cannot be read or written), SERVING otherwise. A broker that is down (a Degraded check, which
/// <c>/health/ready</c> answers with 503) reads SERVING here: the gRPC services (pushes, queries) do not use it.
/// </summary>
public static class GrpcHealth
{
    public static IServiceCollection AddZoningHubGrpcHealth(this IServiceCollection services)
    {
        services.AddGrpcHealthChecks();
        return services;
    }

    public static IEndpointRouteBuilder MapZoningHubGrpcHealth(this IEndpointRouteBuilder app)
    {
        app.MapGrpcHealthChecksService();
        return app;
    }
}
