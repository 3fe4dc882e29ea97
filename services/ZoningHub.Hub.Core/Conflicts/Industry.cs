namespace ZoningHub.Hub.Core.Conflicts;

/// <summary>GB/T 4754-2017 industry codes: a section letter, then division, group and class digits (<c>C2511</c>).</summary>
public static class Industry
{
    // Divisions per section, as the standard numbers them: systems often send the digits without the letter.
    static readonly (char Section, int FirstDivision, int LastDivision)[] Sections =
    [
        ('A', 1, 5), ('B', 6, 12), ('C', 13, 43), ('D', 44, 46), ('E', 47, 50), ('F', 51, 52), ('G', 53, 60),
        ('H', 61, 62), ('I', 63, 65), ('J', 66, 69), ('K', 70, 70), ('L', 71, 72), ('M', 73, 75), ('N', 76, 79),
        ('O', 80, 82), ('P', 83, 83), ('Q', 84, 85), ('R', 86, 90), ('S', 91, 96), ('T', 97, 97),
    ];

    /// <summary>
    /// Whether a forbidden code covers a project's code: <c>C</c> covers <c>C2511</c>, <c>C25</c> covers <c>C2511</c>
    /// and the bare class code <c>2511</c>, <c>C26</c> covers neither.
    /// </summary>
    public static bool Covers(string forbidden, string industry) =>
        forbidden.Length > 0 && Normalise(industry).StartsWith(Normalise(forbidden), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="code"/> is a GB/T 4754 code a project can be checked by: a division, group or class (2 to 4
    /// digits) of a division the standard has, after its section letter or without it; <c>C2511</c>, <c>C25</c>,
    /// <c>2511</c>, not <c>A2511</c> (division 25 is in section C), <c>C25-11</c> or <c>石化</c>.
    /// </summary>
    public static bool IsCode(string code)
    {
        var digits = code.Length > 0 && char.IsAsciiLetterUpper(code[0]) ? code[1..] : code;
        if (digits.Length is < 2 or > 4 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var normalised = Normalise(digits);
        return char.IsAsciiLetterUpper(normalised[0]) && (digits.Length == code.Length || normalised[0] == code[0]);
    }

    /// <summary>The code with its section letter: <c>2511</c> → <c>C2511</c>; codes that have one, or fit no division, unchanged.</summary>
    public static string Normalise(string code)
    {
        var trimmed = code.Trim();
        if (trimmed.Length < 2 || !char.IsAsciiDigit(trimmed[0]) || !char.IsAsciiDigit(trimmed[1]))
        {
            return trimmed;
        }

        var division = (trimmed[0] - '0') * 10 + (trimmed[1] - '0');
        var section = Sections.FirstOrDefault(s => division >= s.FirstDivision && division <= s.LastDivision).Section;
        return section == default ? trimmed : section + trimmed;
    }
}
