using ZoningHub.Hub.Core.Intake;
using static ZoningHub.Hub.Core.Tests.ChangeSets;

namespace ZoningHub.Hub.Core.Tests;

public class ChangeSetFingerprint_Specs
{
    [Fact]
    public void Should_ignore_delivery_details_but_not_content()
    {
        var original = County(Upsert("330106", Square));

        Assert.Equal(ChangeSetFingerprint.Of(original), ChangeSetFingerprint.Of(original with { ExportedAt = DateTimeOffset.UtcNow }));
        Assert.NotEqual(ChangeSetFingerprint.Of(original),
            ChangeSetFingerprint.Of(County(Upsert("330106", "POLYGON ((120.1 30.1, 120.3 30.1, 120.3 30.2, 120.1 30.2, 120.1 30.1))"))));
    }
}
