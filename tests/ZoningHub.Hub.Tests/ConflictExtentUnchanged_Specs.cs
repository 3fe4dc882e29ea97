using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// <c>ConflictChanged</c> says an open conflict's overlap moved. The hub compares the stored extent with the new one byte by
/// byte (its WKB), so a feature sent again as the same polygon with its ring starting at another corner, as exports do,
/// is told as a change of extent at a revision of its own, with the very area the conflict had.
/// </summary>
public sealed class When_an_open_conflicts_feature_is_sent_again_as_the_same_polygon
{
    [Fact]
    public async Task Should_tell_no_change_of_extent()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var received = new DerivationEventRecorder.Received();
        await using var hub = await HubHost.StartAsync(data.Path, bus => DerivationEventRecorder.On(bus, received));
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.1, 30.1, 120.2, 30.2))));
        await hub.SettledAsync((OneMap, 3));
        await Eventually.HoldsAsync(() => received.Of<ConflictOpened>().Count == 1, "the farmland inside the redline opens a conflict");

        // The same square, its ring begun at the south-east corner instead of the south-west one.
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.Farmland,
            Upsert("F1", "POLYGON ((120.2 30.1, 120.2 30.2, 120.1 30.2, 120.1 30.1, 120.2 30.1))")));
        await hub.SettledAsync((OneMap, 4));
        // Events go out in revision order: once this later conflict is told, whatever the resend caused was told before it.
        await hub.SendAsync(ChangeSet(OneMap, 5, Layers.Farmland, Upsert("F2", Box(120.3, 30.3, 120.4, 30.4))));
        await hub.SettledAsync((OneMap, 5));
        await Eventually.HoldsAsync(() => received.Of<ConflictOpened>().Count == 2, "the second farmland opens a conflict");

        Assert.True(received.Of<ConflictChanged>().Count == 0,
            string.Join("; ", received.Of<ConflictChanged>().Select(c => $"ConflictChanged {c.ConflictId} at revision {c.Revision}, area {c.AreaSquareMetres:F0} m² "
                + $"(opened with {received.Of<ConflictOpened>().Single(o => o.ConflictId == c.ConflictId).AreaSquareMetres:F0} m²)")));
    }
}
