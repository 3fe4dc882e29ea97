using Microsoft.Extensions.Options;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Api;

/// <summary>
/// Actions that change anything (replay, resync, verify, rebuild, compaction) need the operator credential as
/// <c>Authorization: Bearer …</c>; viewing needs nothing. Refusals name what was missing and are logged.
/// </summary>
public sealed class OperatorCredentialFilter(IOptions<HubOptions> options, ILogger<OperatorCredentialFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers.Authorization.ToString();
        if (options.Value.OperatorCredential.Length == 0)
        {
            return Refuse(request, StatusCodes.Status403Forbidden, "no operator credential is configured (Hub:OperatorCredential), so the hub takes no actions");
        }

        if (presented.Length == 0)
        {
            return Refuse(request, StatusCodes.Status401Unauthorized, "this action needs the operator credential as 'Authorization: Bearer <credential>'");
        }

        if (!BearerCredential.Matches(presented, options.Value.OperatorCredential))
        {
            return Refuse(request, StatusCodes.Status403Forbidden, "the credential presented is not the operator credential");
        }

        return await next(context);
    }

    /// <summary>Whether the request carries the operator credential, where one is configured.</summary>
    public static bool Presented(HttpRequest request, HubOptions options) =>
        options.OperatorCredential.Length > 0 && BearerCredential.Matches(request.Headers.Authorization.ToString(), options.OperatorCredential);

    IResult Refuse(HttpRequest request, int status, string reason)
    {
        logger.LogWarning("Refused {Method} {Path} from {Peer}: {Reason}", request.Method, request.Path, request.HttpContext.Connection.RemoteIpAddress, reason);
        return Results.Problem($"Refused: {reason}.", statusCode: status);
    }
}
