using ZoningHub.Hub.Core.Derivation;
using static ZoningHub.Hub.Core.Tests.Features;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// The content hash covers identity, geometry, area, sources and access list (DESIGN §3): a change to any of them is a
/// new version the nodes receive, and their digests (over content hashes) tell a node that missed it.
/// </summary>
public sealed class When_a_units_content_hash_is_taken
{
    static readonly UnitIdentity Identity = new("330106", UnitType.PriorityProtection, "nature-reserve/R1");

    static readonly AccessRule Rule = new("spatial-layout", "禁止", "Forbidden", ["C25"]);

    static string Hash(UnitIdentity? identity = null, double area = 1000, IReadOnlyList<string>? sources = null, AccessRule? rule = null) =>
        UnitContentHash.Compute(identity ?? Identity, County().Geometry, area, sources ?? ["nature-reserve/R1@v1"], [rule ?? Rule]);

    [Fact]
    public void Should_differ_for_another_identity_with_the_same_content()
    {
        Assert.NotEqual(Hash(), Hash(identity: Identity with { Anchor = "nature-reserve/R2" }));
        Assert.NotEqual(Hash(), Hash(identity: Identity with { County = "330108" }));
    }

    [Fact]
    public void Should_differ_when_a_rule_forbids_other_industries()
    {
        // The industries are what the EIA rule and the nodes' users check projects by: a catalogue that forbids more is news.
        Assert.NotEqual(Hash(), Hash(rule: Rule with { ForbiddenIndustries = ["C25", "C26"] }));
    }

    [Fact]
    public void Should_differ_when_the_area_differs_beyond_a_hundredth_of_a_square_metre()
    {
        Assert.NotEqual(Hash(area: 1000), Hash(area: 1000.02));
        Assert.Equal(Hash(area: 1000), Hash(area: 1000.001));
    }

    [Fact]
    public void Should_not_depend_on_the_order_sources_are_cited_in()
    {
        Assert.Equal(Hash(sources: ["a@v1", "b@v1"]), Hash(sources: ["b@v1", "a@v1"]));
        Assert.NotEqual(Hash(sources: ["a@v1", "b@v1"]), Hash(sources: ["a@v1", "b@v2"]));
    }
}
