using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Refuses a gRPC call before it reaches its service (a missing credential, a full listing limit), in gRPC's terms: the
/// "trailers-only" answer, whose status travels in the response headers, rather than an HTTP status a gRPC client
/// reads only as UNAVAILABLE. Its rich status (<see cref="GrpcProblems"/>) goes there too.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request) => request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static void Write(HttpResponse response, StatusCode status, string reason, string message, (string Key, string Value)[] metadata, params IMessage[] details)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
        // A binary header's value is base64, which the gRPC spec asks be sent unpadded.
        var rich = GrpcProblems.Status(status, reason, message, metadata, details).ToByteArray();
        response.Headers[MetadataExtensions.StatusDetailsTrailerName] = Convert.ToBase64String(rich).TrimEnd('=');
    }
}
