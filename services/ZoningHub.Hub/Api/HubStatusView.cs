using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>The body of <c>/api/status</c>.</summary>
public sealed record HubStatusView(
    long HeadRevision,
    IReadOnlyList<StreamRecord> Streams,
    IReadOnlyList<NodeStatusView> Nodes,
    long ActiveUnits,
    long OpenConflicts,
    long PendingCounties,
    IReadOnlyList<DerivationFailure> DerivationFailures,
    long QuarantinedWithoutStream);
