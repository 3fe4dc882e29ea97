using ZoningHub.Hub.Core.Conflicts;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// GB/T 2260 province codes run 11–82, so a county code starts with 1 to 8; GB/T 4754 codes are a section letter and a
/// division, group or class of 2 to 4 digits, and a division's digits alone belong to the section whose range holds it,
/// its last division included (C runs 13–43, A 01–05).
/// </summary>
public sealed class When_codes_are_checked_against_their_standards
{
    [Theory]
    [InlineData("330106", true)]
    [InlineData("820001", true)]
    [InlineData("030106", false)]
    [InlineData("930106", false)]
    public void Should_take_only_county_codes_of_a_province_the_standard_has(string code, bool county) =>
        Assert.Equal(county, AreaCodes.IsCounty(code));

    [Theory]
    [InlineData("C2511", true)]
    [InlineData("2511", true)]
    [InlineData("C25111", false)]
    [InlineData("251111", false)]
    public void Should_take_a_class_code_of_at_most_four_digits(string code, bool taken) =>
        Assert.Equal(taken, Industry.IsCode(code));

    [Theory]
    [InlineData("4330", "C4330")]
    [InlineData("0510", "A0510")]
    [InlineData("1310", "C1310")]
    [InlineData("4411", "D4411")]
    public void Should_give_a_bare_code_the_section_whose_range_holds_its_division(string code, string normalised) =>
        Assert.Equal(normalised, Industry.Normalise(code));
}
