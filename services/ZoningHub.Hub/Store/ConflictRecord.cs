namespace ZoningHub.Hub.Store;

/// <summary>
/// A conflict as stored: when it opened, when its extent last changed while open, and, once a later change removed it,
/// when it resolved.
/// </summary>
public sealed record ConflictRecord(
    string Id,
    string Rule,
    string FeatureA,
    string FeatureB,
    string County,
    byte[] GeometryWkb,
    double AreaSquareMetres,
    long OpenedRevision,
    DateTimeOffset OpenedAt,
    long? ResolvedRevision,
    DateTimeOffset? ResolvedAt,
    long? ChangedRevision = null,
    DateTimeOffset? ChangedAt = null)
{
    public bool IsOpen => ResolvedRevision is null;
}
