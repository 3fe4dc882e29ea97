using ZoningHub.Contracts;

namespace ZoningHub.Hub.Store;

/// <summary>What replaying a quarantined change set did.</summary>
/// <param name="Applied">Features applied now.</param>
/// <param name="Superseded">Features left alone because a later change set of the stream changed them since.</param>
/// <param name="StillRejected">Reasons that still hold; those features stay refused.</param>
public sealed record ReplayResult(long QuarantineId, IReadOnlyList<string> Applied, IReadOnlyList<string> Superseded,
    IReadOnlyList<Rejection> StillRejected, int MarkedCounties);
