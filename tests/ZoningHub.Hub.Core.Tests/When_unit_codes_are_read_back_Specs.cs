using ZoningHub.Hub.Core.Derivation;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// Unit codes are assigned once and never reused (DESIGN §3), so a county's serials run past 9,999; every code the
/// registry can format must pass the shape every lookup checks, and an area's code range holds its units and no others.
/// </summary>
public sealed class When_unit_codes_are_read_back
{
    [Theory]
    [InlineData(1)]
    [InlineData(9_999)]
    [InlineData(10_000)]
    [InlineData(int.MaxValue)]
    public void Should_take_every_code_the_registry_can_format_as_a_unit_code(int serial) =>
        Assert.Null(UnitCodes.Problem(UnitCodes.Format("330106", UnitType.KeyControl, serial)));

    [Theory]
    [InlineData("ZH3301062001")]
    [InlineData("ZH330106212345678901")]
    [InlineData("ZH33010620001\n")]
    [InlineData("zh33010620001")]
    public void Should_refuse_what_no_serial_formats_to(string code) =>
        Assert.NotNull(UnitCodes.Problem(code));

    [Theory]
    [InlineData("33", "ZH33010610001", "ZH34010210001")]
    [InlineData("33", "ZH339999310000", "ZH32010210001")]
    [InlineData("39", "ZH39010110001", "ZH40010110001")]
    [InlineData("330106", "ZH330106312345", "ZH33010710001")]
    [InlineData("330109", "ZH33010910001", "ZH33011010001")]
    public void Should_range_over_an_areas_codes_and_no_others(string area, string inside, string outside)
    {
        var (from, before) = UnitCodes.Range(area);

        Assert.True(string.CompareOrdinal(inside, from) >= 0 && string.CompareOrdinal(inside, before) < 0, $"{inside} in [{from}, {before})");
        Assert.False(string.CompareOrdinal(outside, from) >= 0 && string.CompareOrdinal(outside, before) < 0, $"{outside} not in [{from}, {before})");
    }
}
