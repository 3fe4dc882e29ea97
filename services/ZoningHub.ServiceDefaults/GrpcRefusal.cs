using Microsoft.AspNetCore.Http;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Refuses a gRPC call before it reaches its service (a missing credential, a full listing limit), in gRPC's terms: the
/// "trailers-only" answer, whose status travels in the response headers, rather than an HTTP status a gRPC client
/// reads only as UNAVAILABLE.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    /// <param name="status">The gRPC status code, e.g. 16 (UNAUTHENTICATED) or 8 (RESOURCE_EXHAUSTED).</param>
    public static void Write(HttpResponse response, int status, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
    }
}
