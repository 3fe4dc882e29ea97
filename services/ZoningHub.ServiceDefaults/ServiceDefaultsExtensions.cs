using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// What every ZoningHub service starts with: telemetry (OpenTelemetry traces, metrics, Prometheus), problem documents
/// for failures and malformed parameters, the listing read limit, and the health, liveness and metrics endpoints.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>ActivitySource and Meter names every ZoningHub service uses for its own spans and instruments.</summary>
    public const string ZoningHubSource = "ZoningHub";

    /// <summary>Telemetry, problem documents, the listing read limit and health checks; every service calls this first.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // A query parameter that is not of its type (simplify=abc) says which, as every other refused filter does.
            if (context.Exception is BadHttpRequestException refused)
            {
                context.ProblemDetails.Detail = refused.Message;
            }
        });
        // Such a parameter fails as an exception, which the exception handler answers with a problem document
        // (see above), rather than as a bare 400 with no body.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddGeoJsonReadLimit(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", ZoningHubSource)
                .AddView(PrometheusConventions.Fit)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource("MassTransit", ZoningHubSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsUntraced(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        // OTLP only when an endpoint is configured: a government hub sends telemetry nowhere by default. Traces and
        // logs only: Prometheus pulls the metrics from /metrics (infra/prometheus), and pushing them through the
        // collector as well had every series arrive twice (infra/README.md).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter());
        }
    }

    // Scrapes and probes, and the hub's polls of its nodes (NodePolls): requests that say nothing about a change set.
    static bool IsUntraced(string? path) =>
        path is not null && (path.StartsWith("/metrics", StringComparison.Ordinal)
                             || path.StartsWith("/alive", StringComparison.Ordinal)
                             || path.StartsWith("/health", StringComparison.Ordinal)
                             || NodePolls.Paths.Contains(path, StringComparer.Ordinal));

    /// <summary>
    /// <c>/alive</c> (process up), <c>/health/ready</c> (every check, the bus included) and <c>/metrics</c>, in every
    /// environment; a request that fails unexpectedly is answered with a problem document carrying its trace id,
    /// for the caller to quote, while the failure itself is logged for operators rather than shown; and the
    /// endpoints under <see cref="GeoJsonReadLimit"/> are held to it.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError,
            // A caller's malformed parameter is the caller's, answered above; it is not logged as the service failing.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseRateLimiter();
        app.MapHealthChecks("/health/ready");
        app.MapHealthChecks("/alive", new() { Predicate = check => check.Tags.Contains("live") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
