using ZoningHub.Geo;
using ZoningHub.Hub.Core.Intake;

namespace ZoningHub.Hub.Core.Derivation;

/// <summary>
/// Derives the control units of one county from its source features (DESIGN §3).
/// Walking skeleton: the county becomes its one general unit; the priority and key units from the
/// protected and development layers come with the hub-core issue, behind this same signature.
/// </summary>
public static class CountyDerivation
{
    public static IReadOnlyList<DerivedUnit> Derive(SourceFeature county, IReadOnlyList<SourceFeature> overlapping, AccessCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(overlapping);
        var code = county.CountyCode ?? county.Id;
        var identity = new UnitIdentity(code, UnitType.GeneralControl, $"{county.Layer}/{county.Id}");
        var geometry = county.Geometry;
        var area = GaussKruger.AreaSquareMetres(geometry);
        IReadOnlyList<string> sources = [county.Citation];
        var access = catalogue.For(UnitType.GeneralControl, null);
        return [new DerivedUnit(identity, geometry, area, sources, access, UnitContentHash.Compute(identity, geometry, area, sources, access))];
    }
}
