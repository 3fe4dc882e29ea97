using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A later change can move an open conflict's overlap without removing it. Before, the hub replaced the stored extent
/// with no revision and no event: a department holding the <c>ConflictOpened</c> geometry kept the old one, and nothing
/// in the log showed that the disputed area had changed.
/// </summary>
public sealed class When_an_open_conflicts_extent_changes
{
    [Fact]
    public async Task Should_tell_subscribers_the_new_extent_at_a_revision_of_its_own()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        var received = new DerivationEventRecorder.Received();
        await using var hub = await HubHost.StartAsync(data.Path, bus => DerivationEventRecorder.On(bus, received));
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SendAsync(ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120, 30, 120.5, 30.5))));
        await hub.SendAsync(ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.4, 30.4, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 3));
        await Eventually.HoldsAsync(() => received.Of<ConflictOpened>().Count == 1, "the overlap opens a conflict");

        // The farmland grows further onto the redline: the same conflict, four times the area.
        await hub.SendAsync(ChangeSet(OneMap, 4, Layers.Farmland, Upsert("F1", Box(120.3, 30.3, 120.8, 30.8))));
        await hub.SettledAsync((OneMap, 4));
        await Eventually.HoldsAsync(() => received.Of<ConflictChanged>().Count == 1, () => $"the new extent is told (received {received.Events.Count})");

        var (opened, changed) = (received.Of<ConflictOpened>()[0], received.Of<ConflictChanged>()[0]);
        Assert.Equal((opened.ConflictId, opened.Revision), (changed.ConflictId, changed.OpenedRevision));
        Assert.True(changed.Revision > opened.Revision, $"changed at {changed.Revision}, after it opened at {opened.Revision}");
        Assert.InRange(changed.AreaSquareMetres / opened.AreaSquareMetres, 3.5, 4.5);
        Assert.Contains("120.3", changed.GeometryGeoJson, StringComparison.Ordinal);
        Assert.Empty(received.Of<ConflictResolved>());

        var listed = Assert.Single((await hub.GetJsonAsync("/api/conflicts")).GetProperty("features").EnumerateArray()).GetProperty("properties");
        Assert.Equal(changed.Revision, listed.GetProperty("changedRevision").GetInt64());
        Assert.Equal(opened.Revision, listed.GetProperty("openedRevision").GetInt64());
        Assert.Equal(changed.AreaSquareMetres, listed.GetProperty("areaSquareMetres").GetDouble(), 1);
        await Eventually.HoldsAsync(() => received.Revisions.Count > 0 && received.Revisions.Max() == hub.HeadRevision(), "every revision is told");
        DerivationEventAssert.EachRevisionOnceInOrder(hub, received);
    }
}
