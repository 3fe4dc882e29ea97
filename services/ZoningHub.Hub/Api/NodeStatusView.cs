using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <param name="Address">The node's push address, shown only to a request with the operator credential: it is the deployment's inside.</param>
/// <param name="LagRevisions">How many revisions of the log the node has not acknowledged.</param>
/// <param name="LagSeconds">How long ago the oldest unit revision in the node's scope that it has not acknowledged was written; 0 when it has all.</param>
/// <param name="SecondsSinceAck">Seconds since the node last acknowledged; with <c>LagRevisions</c> 0 it is simply idle.</param>
/// <param name="Detail">What the pusher is doing beyond the state, such as a snapshot's progress.</param>
/// <param name="Verified">The node's digest matched the hub's at the revision it acknowledged: in sync, shown rather than assumed.</param>
/// <param name="Digest">The last digest comparison, whatever its outcome.</param>
public sealed record NodeStatusView(
    string NodeId,
    string Scope,
    string? Address,
    long AcknowledgedRevision,
    long LagRevisions,
    double LagSeconds,
    double? SecondsSinceAck,
    string State,
    string? LastError,
    string? Detail,
    bool Verified,
    DigestCheck? Digest);
