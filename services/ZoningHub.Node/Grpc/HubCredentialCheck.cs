using Grpc.Core;
using Microsoft.Extensions.Options;
using ZoningHub.Contracts.Grpc.Push.V1;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Grpc;

/// <summary>
/// Accepts pushes (every method of <c>UnitPush</c>) only with the hub's credential (DESIGN §5, Authority), checked on
/// the request's headers before any of its body is read: without the credential, a caller cannot make the node take in
/// a message of up to <see cref="NodeOptions.MaxMessageBytes"/>. Refusals are logged with the reason and answered as
/// gRPC <c>UNAUTHENTICATED</c>. Local users' queries (<c>NodeQuery</c>) need no credential.
/// </summary>
public sealed class HubCredentialCheck(RequestDelegate next, IOptions<NodeOptions> options, ILogger<HubCredentialCheck> logger)
{
    static readonly PathString Push = "/" + UnitPush.Descriptor.FullName;

    public Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers.Authorization;
        if (!context.Request.Path.StartsWithSegments(Push) || BearerCredential.Matches(presented.Count == 1 ? presented[0] : null, options.Value.HubCredential))
        {
            return next(context);
        }

        var reason = presented.Count == 0 ? "no authorization metadata" : "a credential that is not the hub's";
        logger.LogWarning("Refused {Method} from {Peer}: {Reason}", context.Request.Path, context.Connection.RemoteIpAddress, reason);
        GrpcRefusal.Write(context.Response, StatusCode.Unauthenticated, "CREDENTIAL_REFUSED", $"Node {options.Value.Id} refused the call: {reason}.",
            [("node_id", options.Value.Id)]);
        return Task.CompletedTask;
    }
}
