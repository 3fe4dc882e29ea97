using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Data.Sqlite;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// A gRPC handler's unexpected failure answered INTERNAL in words a caller can quote (whether the store failed, and
/// the trace id the service's log has it under), and logged with the call's trace, as the HTTP side answers a problem document with its
/// trace id. gRPC's own answer was UNKNOWN "Exception was thrown by handler.", which told a local system nothing.
/// Refusals (an RpcException the handler threw on purpose) and cancellations pass through as they are.
/// </summary>
public sealed class GrpcFailures(ILogger<GrpcFailures> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Unexpected(e, context))
        {
            throw Answer(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Unexpected(e, context))
        {
            throw Answer(e, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Unexpected(e, context))
        {
            throw Answer(e, context);
        }
    }

    // A call the client ended (or gave up on) fails however it fails: nobody hears the answer, and it is no error of the service's.
    static bool Unexpected(Exception e, ServerCallContext context) => e is not RpcException && !context.CancellationToken.IsCancellationRequested;

    /// <summary>
    /// The store's own words stay in the log, as the HTTP side keeps them: a query needs no credential, and SQLite's
    /// message names tables and statements. The push, which only the hub's credential reaches, says them (UnitPushService).
    /// </summary>
    RpcException Answer(Exception e, ServerCallContext context)
    {
        var trace = Activity.Current?.TraceId.ToString() ?? "(none)";
        logger.LogError(e, "gRPC call {Method} failed (trace id {TraceId})", context.Method, trace);
        var (reason, what) = e is SqliteException ? ("STORE_FAILED", "the service's store failed") : ("SERVICE_FAILED", "the service failed unexpectedly");
        return GrpcProblems.Refused(StatusCode.Internal, reason, $"{context.Method}: {what}; its log has the details under trace id {trace}.", ("trace_id", trace));
    }
}

public static class GrpcServerDefaults
{
    /// <summary>gRPC as every ZoningHub service serves it: queries limited to <see cref="GrpcQueryLimit.MaxRequestBytes"/>, unexpected failures answered by <see cref="GrpcFailures"/>.</summary>
    public static IGrpcServerBuilder AddZoningHubGrpc(this IServiceCollection services) => services.AddGrpc(grpc =>
    {
        grpc.MaxReceiveMessageSize = GrpcQueryLimit.MaxRequestBytes;
        grpc.Interceptors.Add<GrpcFailures>();
    });
}
