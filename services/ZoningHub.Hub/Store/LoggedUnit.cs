using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Store;

/// <summary>One entry of the unit log: a unit's version as of <see cref="Revision"/>.</summary>
public sealed record LoggedUnit(
    long Revision,
    string Code,
    string Identity,
    string County,
    UnitType Type,
    int Version,
    bool Retired,
    byte[]? GeometryWkb,
    double AreaSquareMetres,
    string ContentHash,
    IReadOnlyList<string> Sources,
    IReadOnlyList<AccessRule> AccessList,
    DateTimeOffset RevisedAt,
    string? TraceParent = null);
