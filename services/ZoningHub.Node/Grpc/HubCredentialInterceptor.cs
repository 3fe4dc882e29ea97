using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace ZoningHub.Node.Grpc;

/// <summary>Accepts calls only with the hub's credential (DESIGN §5, Authority); refusals are logged with the reason.</summary>
public sealed class HubCredentialInterceptor(IOptions<NodeOptions> options, ILogger<HubCredentialInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    // Every kind of call is checked, streams included: a handler left to the base class would let calls of its kind through.
    void Authorize(ServerCallContext context)
    {
        var presented = context.RequestHeaders.GetValue("authorization");
        var expected = $"Bearer {options.Value.HubCredential}";
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            var reason = presented is null ? "no authorization metadata" : "a credential that is not the hub's";
            logger.LogWarning("Refused {Method} from {Peer}: {Reason}", context.Method, context.Peer, reason);
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Node {options.Value.Id} refused the call: {reason}."));
        }
    }
}
