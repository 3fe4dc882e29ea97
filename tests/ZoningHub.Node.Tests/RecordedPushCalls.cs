using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ZoningHub.Contracts.Grpc.Push.V1;

namespace ZoningHub.Node.Tests;

/// <summary>Notes each log push and snapshot a node is sent, as the node receives it, so a spec can read what the hub chose to send.</summary>
sealed class RecordedPushCalls(ConcurrentQueue<string> calls) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        switch (request)
        {
            case ApplyUnitsRequest apply:
                calls.Enqueue($"log push of revisions {apply.FromRevision + 1} to {apply.ToRevision} of log {apply.LogId}");
                break;
            case BeginSnapshotRequest begin:
                calls.Enqueue($"snapshot as of revision {begin.AsOfRevision} of log {begin.LogId}");
                break;
        }

        return continuation(request, context);
    }
}
