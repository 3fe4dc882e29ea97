namespace ZoningHub.Hub.Store;

/// <summary>A conflict as stored: when it opened and, once a later change removed it, when it resolved.</summary>
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
    DateTimeOffset? ResolvedAt)
{
    public bool IsOpen => ResolvedRevision is null;
}
