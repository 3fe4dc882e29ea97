namespace ZoningHub.Hub.Core.Derivation;

/// <summary>What a unit is, independent of its code alias: (county, type, anchor feature) (DESIGN §3).</summary>
/// <param name="Anchor">The feature the unit is made from as <c>layer/id</c>; the county itself for the general unit.</param>
public sealed record UnitIdentity(string County, UnitType Type, string Anchor)
{
    public string Key => $"{County}|{(int)Type}|{Anchor}";
}
