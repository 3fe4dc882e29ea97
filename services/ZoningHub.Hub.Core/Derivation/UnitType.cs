namespace ZoningHub.Hub.Core.Derivation;

/// <summary>The three unit types; the value is the type digit in unit codes (DESIGN §1).</summary>
public enum UnitType
{
    PriorityProtection = 1,
    KeyControl = 2,
    GeneralControl = 3,
}
