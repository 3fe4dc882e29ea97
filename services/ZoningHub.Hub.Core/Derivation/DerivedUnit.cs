using NetTopologySuite.Geometries;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>A unit as derivation produced it; its code alias is assigned later by the registry.</summary>
public sealed record DerivedUnit(
    UnitIdentity Identity,
    Geometry Geometry,
    double AreaSquareMetres,
    IReadOnlyList<string> Sources,
    IReadOnlyList<AccessRule> AccessList,
    string ContentHash);
