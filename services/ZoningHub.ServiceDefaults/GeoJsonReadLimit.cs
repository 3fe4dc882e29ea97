using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// How many listings of units or conflicts (GeoJSON over HTTP, and the gRPC <c>ListUnits</c> streams) are served at
/// once. A listing needs no credential, and one of a province's units is megabytes of geometry to read, simplify and
/// write: unbounded, a burst of them takes every core and gigabytes of memory from the service's real work. The rest
/// wait their turn, and past the queue are refused: 429 over HTTP, <c>RESOURCE_EXHAUSTED</c> over gRPC.
/// <c>Limits:GeoJson:Concurrent</c> (4) and <c>Limits:GeoJson:Queued</c> (64).
/// </summary>
public static class GeoJsonReadLimit
{
    public const string Policy = "geojson";

    public static IServiceCollection AddGeoJsonReadLimit(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                if (GrpcRefusal.IsGrpc(rejected.HttpContext.Request))
                {
                    GrpcRefusal.Write(rejected.HttpContext.Response, 8 /* RESOURCE_EXHAUSTED */,
                        "Too many listings are being served; ask again shortly, or ask for less (a county, a type).");
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddConcurrencyLimiter(Policy, limit =>
            {
                limit.PermitLimit = configuration.GetValue("Limits:GeoJson:Concurrent", 4);
                limit.QueueLimit = configuration.GetValue("Limits:GeoJson:Queued", 64);
                limit.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });

    /// <summary>Puts an endpoint under the limit.</summary>
    public static TBuilder WithGeoJsonReadLimit<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireRateLimiting(Policy);
}
