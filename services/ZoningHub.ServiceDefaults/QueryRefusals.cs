namespace ZoningHub.ServiceDefaults;

/// <summary>The reasons (<see cref="GrpcProblems"/>) a unit query on the hub or a node is refused for, and the checks both make alike.</summary>
public static class QueryRefusals
{
    /// <summary>A unit code that is not one (field <c>code</c>).</summary>
    public const string InvalidUnitCode = "INVALID_UNIT_CODE";

    /// <summary>A well-formed code that names no unit the service holds (NOT_FOUND).</summary>
    public const string UnitNotFound = "UNIT_NOT_FOUND";

    /// <summary>A province or county filter that is malformed, or a county not in the province given.</summary>
    public const string InvalidArea = "INVALID_AREA";

    /// <summary>A province or county a provincial node does not hold: ask the national node or the hub.</summary>
    public const string OutsideNodeScope = "OUTSIDE_NODE_SCOPE";

    /// <summary>A type filter that is no <c>zoninghub.push.v1.UnitType</c>.</summary>
    public const string InvalidUnitType = "INVALID_UNIT_TYPE";

    /// <summary>
    /// Refuses a type filter the contract does not define (a client built on a newer contract, or a number sent raw):
    /// taken as it is, it would match no unit and read as "no units of that type".
    /// </summary>
    public static void RefuseUnknownUnitType<T>(T type) where T : struct, Enum
    {
        if (!Enum.IsDefined(type))
        {
            throw GrpcProblems.InvalidField(InvalidUnitType, "type", $"type {Convert.ToInt32(type, System.Globalization.CultureInfo.InvariantCulture)} is not a zoninghub.push.v1.UnitType.");
        }
    }
}
