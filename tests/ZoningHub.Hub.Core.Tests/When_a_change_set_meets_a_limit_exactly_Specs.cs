using ZoningHub.Contracts;
using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

/// <summary>
/// The limits are maxima (contracts/README.md §5): "more vertices than the hub takes", "more features than the hub takes
/// in one change set", "more than 1,000 members". What reaches a limit exactly is taken, so an adapter that splits its
/// exports at the limit, as the contract tells it to, is never refused for it.
/// </summary>
public sealed class When_a_change_set_meets_a_limit_exactly
{
    [Fact]
    public void Should_take_a_feature_with_exactly_the_vertices_allowed_and_refuse_one_more()
    {
        // Square has five positions, its closing one included.
        Assert.Empty(ChangeSetValidator.Validate(County(Upsert("330106", Square)), ValidationPolicy.Default with { MaxVerticesPerFeature = 5 }).FeatureRejections);
        Assert.Equal(RejectionRules.GeometryTooLarge,
            Assert.Single(ChangeSetValidator.Validate(County(Upsert("330106", Square)), ValidationPolicy.Default with { MaxVerticesPerFeature = 4 }).FeatureRejections).Rule);
    }

    [Fact]
    public void Should_take_a_change_set_with_exactly_the_features_allowed()
    {
        var result = ChangeSetValidator.Validate(County(Upsert("330106", Square), Upsert("330105", Square)), ValidationPolicy.Default with { MaxFeaturesPerChangeSet = 2 });

        Assert.Empty(result.ChangeSetRejections);
        Assert.Equal(2, result.Upserts.Count);
    }

    [Fact]
    public void Should_take_a_series_of_exactly_a_thousand_members_and_refuse_one_of_more()
    {
        var member = County(Upsert("330106", Square)) with { Kind = ChangeSetKinds.Snapshot, Sequence = 5 };

        Assert.Empty(ChangeSetValidator.Validate(member with { Series = new SnapshotSeries { First = 5, Last = 5 + ChangeSetValidator.MaxSeriesMembers - 1 } }).ChangeSetRejections);
        Assert.Equal(RejectionRules.SeriesInvalid, Assert.Single(ChangeSetValidator.Validate(
            member with { Series = new SnapshotSeries { First = 5, Last = 5 + ChangeSetValidator.MaxSeriesMembers } }).ChangeSetRejections).Rule);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(6, 9)]
    public void Should_refuse_a_series_that_does_not_contain_the_change_sets_own_sequence(long first, long last)
    {
        var member = County(Upsert("330106", Square)) with { Kind = ChangeSetKinds.Snapshot, Sequence = 5, Series = new SnapshotSeries { First = first, Last = last } };

        Assert.Equal(RejectionRules.SeriesInvalid, Assert.Single(ChangeSetValidator.Validate(member).ChangeSetRejections).Rule);
        Assert.False(ChangeSetValidator.IsSeriesMember(member));
    }
}
