namespace ZoningHub.Hub.Api;

/// <param name="SecondsSinceAck">Seconds since the node last acknowledged; with <c>LagRevisions</c> 0 it is simply idle.</param>
public sealed record NodeStatusView(
    string NodeId,
    string Scope,
    string Address,
    long AcknowledgedRevision,
    long LagRevisions,
    double? SecondsSinceAck,
    string State,
    string? LastError);
