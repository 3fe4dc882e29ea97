using Grpc.Core;
using Grpc.Core.Interceptors;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Benchmarks;

/// <summary>
/// Times each acknowledgement a node gives (applied batches and completed snapshots) without polling its store:
/// the reply is only built after the node's transaction has committed.
/// </summary>
sealed class AckInterceptor(NodeAcks acks) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (response is ApplyUnitsReply reply)
        {
            acks.Record(reply.AcknowledgedRevision);
        }

        return response;
    }
}
