using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// geometry.out-of-bounds is "a coordinate lies outside lon 73–136, lat 3–54" (contracts/README.md §5): a feature that
/// only partly lies in that extent is refused too, as a ring with one vertex in projected metres or swapped would be.
/// </summary>
public sealed class When_a_feature_reaches_outside_China
{
    [Theory]
    [InlineData("POLYGON ((72.9 39, 73.2 39, 73.2 39.1, 72.9 39.1, 72.9 39))")]
    [InlineData("POLYGON ((120 53.9, 120.1 53.9, 120.1 54.1, 120 54.1, 120 53.9))")]
    [InlineData("POLYGON ((135.9 40, 136.1 40, 136.1 40.1, 135.9 40.1, 135.9 40))")]
    public void Should_refuse_it_though_most_of_it_lies_inside(string wkt)
    {
        var rejection = Assert.Single(ChangeSetValidator.Validate(County(Upsert("330106", wkt))).FeatureRejections);

        Assert.Equal(RejectionRules.GeometryOutOfBounds, rejection.Rule);
    }
}
