namespace ZoningHub.Hub.Core.Derivation;

/// <summary>What a unit is, independent of its code alias: (county, type, anchor feature) (DESIGN §3).</summary>
/// <param name="Anchor">The feature the unit is made from as <c>layer/id</c>; the county itself for the general unit.</param>
public sealed record UnitIdentity(string County, UnitType Type, string Anchor)
{
    public string Key => $"{County}|{(int)Type}|{Anchor}";

    /// <summary>
    /// The county's general unit, anchored on the county itself as <c>admin-division/</c> and its code, whatever ids its
    /// boundary's features have: an island part whose id sorts first, or a re-keyed boundary, is the same county, and
    /// its general unit keeps its code. Where the boundary is keyed by the county code, as one-map's is, this is the
    /// boundary feature's key, which stores written before knew it by.
    /// </summary>
    public static UnitIdentity General(string county) => new(county, UnitType.GeneralControl, $"{Layers.AdminDivision}/{county}");
}
