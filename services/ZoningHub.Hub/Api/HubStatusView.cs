using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Api;

/// <summary>The body of <c>/api/status</c>.</summary>
/// <param name="DerivationFailures">The first 50 counties whose last derivation failed, by code; <see cref="DerivationFailureCount"/> counts them all.</param>
/// <param name="QuarantinedWithoutStream">Open quarantine entries naming no stream the hub knows.</param>
/// <param name="QuarantineOpen">Quarantine entries not replayed to the end: refused input still waiting for a fix or a new publication.</param>
/// <param name="BrokerQueues">The broker's error and dead-letter queues, which nothing in the hub consumes: their messages wait for an operator.</param>
/// <param name="Filings">Per province, how far the national node's acknowledgements (the filing records, 备案) reach.</param>
public sealed record HubStatusView(
    long HeadRevision,
    IReadOnlyList<StreamRecord> Streams,
    IReadOnlyList<NodeStatusView> Nodes,
    IReadOnlyList<FilingStatus> Filings,
    long ActiveUnits,
    long OpenConflicts,
    long PendingCounties,
    IReadOnlyList<DerivationFailure> DerivationFailures,
    long DerivationFailureCount,
    long QuarantinedWithoutStream,
    long QuarantineOpen,
    IReadOnlyList<ZoningHub.Hub.Intake.BrokerQueueDepth> BrokerQueues);
