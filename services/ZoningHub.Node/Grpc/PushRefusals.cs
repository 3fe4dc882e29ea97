using Grpc.Core;
using ZoningHub.Node.Store;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node.Grpc;

/// <summary>
/// A refused push as the hub hears it: the status code its node states follow (PERMISSION_DENIED shows the node as
/// refused; after the others it retries, reading the node's state again first), and in the rich status
/// (<see cref="GrpcProblems"/>) the reason and, for a malformed unit, which one.
/// </summary>
static class PushRefusals
{
    public static RpcException Answer(PushRefusedException refused, string nodeId)
    {
        var (status, reason) = refused.Reason switch
        {
            PushRefusal.OutOfScope => (StatusCode.PermissionDenied, "OUTSIDE_NODE_SCOPE"),
            PushRefusal.Malformed => (StatusCode.InvalidArgument, refused.Field is null ? "MALFORMED_CHUNK" : "MALFORMED_UNIT"),
            PushRefusal.Gap => (StatusCode.FailedPrecondition, "REVISION_GAP"),
            PushRefusal.OtherLog => (StatusCode.FailedPrecondition, "OTHER_LOG"),
            _ => (StatusCode.FailedPrecondition, "SNAPSHOT_OUT_OF_STEP"),
        };
        return refused.Field is { } field
            ? GrpcProblems.InvalidField(reason, field, refused.Message, status, ("node_id", nodeId))
            : GrpcProblems.Refused(status, reason, refused.Message, ("node_id", nodeId));
    }

    /// <summary>The node's store failed the push (a full disk): INTERNAL in its own words, which only the hub's credential reaches.</summary>
    public static RpcException StoreFailed(Microsoft.Data.Sqlite.SqliteException e, string nodeId) =>
        GrpcProblems.Refused(StatusCode.Internal, "STORE_FAILED", $"node {nodeId}'s store failed: {e.Message}", ("node_id", nodeId));
}
