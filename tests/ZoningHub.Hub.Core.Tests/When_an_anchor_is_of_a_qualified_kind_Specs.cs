using ZoningHub.Hub.Core.Derivation;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// A unit's access list is its type's base list plus the rules its anchor's layer brings (DESIGN §3), and a layer's
/// kinds bring their own: a reserve's core zone, a grade-2 water zone, a national park. The forbidden industries they
/// name are what the EIA conflict rule checks projects against (DESIGN §4), so a kind's rules lost are conflicts missed.
/// </summary>
public sealed class When_an_anchor_is_of_a_qualified_kind
{
    [Theory]
    // The catalogue's nature-reserve/core rule forbids A0311; the reserve's own rule forbids B and C.
    [InlineData(Layers.NatureReserve, "zone", "core", "A0311", null)]
    [InlineData(Layers.NatureReserve, "zone", "general", "B", "A0311")]
    // Grade 2 brings its pollutant rule (C30, among others), not grade 1's ban on D4411.
    [InlineData(Layers.DrinkingWater, "grade", "2", "C30", "D4411")]
    [InlineData(Layers.DrinkingWater, "grade", "1", "D4411", "C30")]
    // A national park forbids E as well; a forest park only what every natural park forbids.
    [InlineData(Layers.NaturalPark, "kind", "national-park", "E", null)]
    [InlineData(Layers.NaturalPark, "kind", "forest-park", "B", "E")]
    public void Should_carry_the_rules_of_its_kind_and_no_other_kinds(string layer, string property, string value, string forbidden, string? notForbidden)
    {
        var units = CountyDerivation.Derive(County(), [Make(layer, "A1", Box(120, 30, 120.5, 30.5), (property, value))], AccessCatalogue.Default);

        var unit = units.Single(u => u.Identity.Anchor == $"{layer}/A1");
        var codes = unit.AccessList.SelectMany(rule => rule.ForbiddenIndustries).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(forbidden, codes);
        if (notForbidden is not null)
        {
            Assert.DoesNotContain(notForbidden, codes);
        }
    }
}
