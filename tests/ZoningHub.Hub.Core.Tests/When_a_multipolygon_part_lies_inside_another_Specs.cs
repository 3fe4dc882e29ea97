using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// Review: measuring a repair part by part (overlapping parts "lose nothing drawn") also measures a part drawn wholly
/// inside another as no change at all, however large. Such a part is an enclave written as a part (a hole that a tool
/// wrote as a polygon of its own, here clockwise, as RFC 7946 winds holes): the union fills it in. Measured against what
/// was drawn it was refused (the 25 % enclave below, 20 % of the drawn area); now it is taken and the enclave's land
/// published as the county's, without a refusal or a repair above the tolerance.
/// </summary>
public class When_a_multipolygon_part_lies_inside_another_Specs
{
    // A 0.1° county and, inside it, a 0.05° enclave listed as a second part, clockwise.
    const string Enclave = "MULTIPOLYGON (((120.1 30.1, 120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1)), ((120.125 30.125, 120.125 30.175, 120.175 30.175, 120.175 30.125, 120.125 30.125)))";

    [Fact]
    public void Should_refuse_it_rather_than_fill_the_enclave_in()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Enclave)));

        Assert.True(result.Upserts.Count == 0,
            $"taken, enclave filled in; repair measured {string.Join(", ", result.Repairs.Select(r => r.AreaChangeFraction.ToString("P3", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Equal(RejectionRules.GeometryInvalid, Assert.Single(result.FeatureRejections).Rule);
    }
}
