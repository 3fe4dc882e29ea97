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
using OpenTelemetry.Resources;
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
        builder.AddTracesAndMetrics();
        return builder.AddEmbeddedServiceDefaults();
    }

    /// <summary>
    /// For a service hosted inside another service's process (the embedded run's nodes): all of
    /// <see cref="AddServiceDefaults"/> but traces and metrics. ActivitySources and Meters are process-wide, so the
    /// host's pipeline already collects this service's spans and instruments; a second pipeline exported every span
    /// again, and its <c>/metrics</c> repeated every series of the process. Logs are the application's own, so it keeps them.
    /// </summary>
    public static TBuilder AddEmbeddedServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddLogs();
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
        builder.Services.AddGeoJsonReadLimit();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    static void AddLogs(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        if (ExportsOtlp(builder))
        {
            builder.Services.AddOpenTelemetry().WithLogging(logging => logging.AddOtlpExporter());
        }
    }

    static void AddTracesAndMetrics(this IHostApplicationBuilder builder)
    {
        // Each service is named by its project (ZoningHub.Hub, ZoningHub.Adapters.OneMap…), so the collector tells them
        // apart: without it, all were unknown_service:dotnet. A name the operator gives (OTEL_SERVICE_NAME, or service.name
        // in OTEL_RESOURCE_ATTRIBUTES) names it instead: one added here would replace it.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"])
            && !(builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "").Split(',').Any(a => a.Split('=')[0].Trim() == "service.name"))
        {
            builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        }

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

        // Traces and logs only: Prometheus pulls the metrics from /metrics (infra/prometheus), and pushing them
        // through the collector as well had every series arrive twice (infra/README.md).
        if (ExportsOtlp(builder))
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddOtlpExporter());
        }
    }

    // OTLP only when an endpoint is configured: a government hub sends telemetry nowhere by default.
    static bool ExportsOtlp(IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    // Scrapes and probes, and the hub's polls of its nodes (NodePolls): requests that say nothing about a change set.
    static bool IsUntraced(string? path) =>
        path is not null && (path.StartsWith("/metrics", StringComparison.Ordinal)
                             || path.StartsWith("/alive", StringComparison.Ordinal)
                             || path.StartsWith("/health", StringComparison.Ordinal)
                             || NodePolls.Paths.Contains(path, StringComparer.Ordinal));

    /// <summary>
    /// The status, then why, one check a line: "Unhealthy" alone sent an operator to the logs to learn that the disk is
    /// full. The checks' own words (a store's SQLite error, the bus's state) name no secret.
    /// </summary>
    static Task WriteReadiness(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"\n{e.Key}: {e.Value.Status}{(e.Value.Description is { Length: > 0 } why ? $": {why}" : "")}");
        return context.Response.WriteAsync(report.Status + string.Concat(reasons));
    }

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
        app.UseGeoJsonListingTimeLimit();
        // Mapping the checks below makes the bus. MassTransit keeps its log context in the async flow and takes the one
        // it finds there: where a host was built before in the same flow (the specs build many in one process), that
        // was the earlier host's, whose logger factory was disposed with it, and making this host's bus failed on it
        // (ObjectDisposedException, once in session 22's CI). This host's own is set first.
        MassTransit.LogContext.ConfigureCurrentLogContext(app.Services.GetRequiredService<ILoggerFactory>());
        // Degraded is not ready: MassTransit's bus check reports a broker that is down as Degraded, which the default
        // mapping answers 200, and a service that can take no message stayed in service.
        app.MapHealthChecks("/health/ready", new()
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadiness,
        });
        app.MapHealthChecks("/alive", new() { Predicate = check => check.Tags.Contains("live") });
        // Only where the application has a metrics pipeline of its own: a service embedded in another's process
        // (AddEmbeddedServiceDefaults) has none, and the host's /metrics covers the whole process.
        if (app.Services.GetService<MeterProvider>() is not null)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
