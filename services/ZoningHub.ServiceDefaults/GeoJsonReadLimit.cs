using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// How many listings of units or conflicts (GeoJSON over HTTP, and the gRPC <c>ListUnits</c> streams) are served at
/// once. A listing needs no credential, and one of a province's units is megabytes of geometry to read, simplify and
/// write: unbounded, a burst of them takes every core and gigabytes of memory from the service's real work. The rest
/// wait their turn for a while, and past the queue or the wait are refused: 429 with a problem document and
/// <c>Retry-After</c> over HTTP, <c>RESOURCE_EXHAUSTED</c> over gRPC. A listing served longer than its time limit is
/// cut off, so clients that stop reading cannot hold every place for good. One-unit lookups are not listings and are
/// not held to this. Settings: <see cref="GeoJsonLimitOptions"/>.
/// </summary>
public static class GeoJsonReadLimit
{
    public const string Policy = "geojson";

    const string Refusal = "Too many listings are being served; ask again shortly, or ask for less (a county, a type).";

    public static IServiceCollection AddGeoJsonReadLimit(this IServiceCollection services)
    {
        services.AddOptions<GeoJsonLimitOptions>().BindConfiguration(GeoJsonLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GeoJsonLimitOptions>>((limiter, options) =>
        {
            var limits = options.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, cancellationToken) => Refuse(rejected.HttpContext, limits, cancellationToken);
            limiter.AddPolicy(Policy, _ => RateLimitPartition.Get(Policy, _ => new QueueTimeoutLimiter(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.Concurrent, QueueLimit = limits.Queued, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }), limits.QueueTimeout)));
        });
        return services;
    }

    /// <summary>Puts an endpoint under the limit.</summary>
    public static TBuilder WithGeoJsonReadLimit<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireRateLimiting(Policy);

    /// <summary>
    /// Cuts off a listing served past <see cref="GeoJsonLimitOptions.ListingTimeout"/>. Cancelling a token is not
    /// enough: a write waiting on HTTP/2 flow control for a client that stopped reading may never look at it. Aborting
    /// resets the stream, which ends the waiting write and fires <see cref="HttpContext.RequestAborted"/> (the gRPC
    /// call's token), and the place is freed when the listing returns. Goes after the rate limiter, so the time counts
    /// from when the listing is served, not from when it queued.
    /// </summary>
    public static IApplicationBuilder UseGeoJsonListingTimeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not { PolicyName: Policy })
        {
            await next(context);
            return;
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<GeoJsonLimitOptions>>().Value.ListingTimeout;
        using var timer = new CancellationTokenSource(limit);
        using var cutOff = timer.Token.Register(() =>
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GeoJsonReadLimit).FullName!)
                .LogWarning("A listing ({Path}) was still being served after {Timeout}; it is cut off to free its place", context.Request.Path.Value, limit);
            context.Abort();
        });
        await next(context);
    });

    static ValueTask Refuse(HttpContext context, GeoJsonLimitOptions limits, CancellationToken cancellationToken)
    {
        if (GrpcRefusal.IsGrpc(context.Request))
        {
            // RetryInfo is gRPC's Retry-After.
            GrpcRefusal.Write(context.Response, Grpc.Core.StatusCode.ResourceExhausted, "LISTING_LIMIT", Refusal, [],
                new Google.Rpc.RetryInfo { RetryDelay = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(limits.RetryAfterSeconds)) });
            return ValueTask.CompletedTask;
        }

        // RFC 9110 §10.2.3; RFC 6585 §4 suggests it for 429.
        context.Response.Headers.RetryAfter = limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many listings", Detail = Refusal },
        });
    }
}
