namespace ZoningHub.Hub.Core.Derivation;

/// <summary>The three unit types; the value is the type digit in unit codes (DESIGN §1).</summary>
public enum UnitType
{
    PriorityProtection = 1,
    KeyControl = 2,
    GeneralControl = 3,
}

/// <summary>Unit types as query filters give them.</summary>
public static class UnitTypes
{
    /// <summary>One digit or one name, any case: Enum.TryParse alone would also take "PriorityProtection,KeyControl" and OR the two together.</summary>
    public static bool TryParse(string value, out UnitType type)
    {
        type = default;
        return !value.Contains(',', StringComparison.Ordinal) && Enum.TryParse(value, ignoreCase: true, out type) && Enum.IsDefined(type);
    }

    /// <summary>A query's optional type filter: no filter when absent; false when given and not a type.</summary>
    public static bool TryParseFilter(string? value, out UnitType? type)
    {
        type = null;
        if (value is null)
        {
            return true;
        }

        var parsed = TryParse(value, out var given);
        type = parsed ? given : null;
        return parsed;
    }

    public static string Problem(string? value) => $"type {QuotedInput.Of(value)} is not 1/PriorityProtection, 2/KeyControl or 3/GeneralControl.";
}
