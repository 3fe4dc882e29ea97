using ZoningHub.Contracts;
using ZoningHub.Hub.Store;

namespace ZoningHub.Hub.Tests;

static class DerivationEventAssert
{
    /// <summary>
    /// Every revision in the hub's log was told of exactly once (a unit version in one <c>UnitsRevised</c>, a conflict
    /// transition in its own event), and the events came in revision order.
    /// </summary>
    public static void EachRevisionOnceInOrder(HubHost hub, DerivationEventRecorder.Received received)
    {
        var head = hub.HeadRevision();
        var unitRevisions = hub.Service<UnitLogReader>().StreamLog(0, head, "national").Select(u => u.Revision).ToList();
        var revised = received.Of<UnitsRevised>();
        Assert.All(unitRevisions, r => Assert.Single(revised, e => e.FromRevision <= r && r <= e.ToRevision));
        Assert.Equal(unitRevisions.Count, revised.Sum(e => e.UnitCodes.Count));

        var transitions = received.Of<ConflictOpened>().Select(e => e.Revision).Concat(received.Of<ConflictChanged>().Select(e => e.Revision))
            .Concat(received.Of<ConflictResolved>().Select(e => e.Revision));
        Assert.Equal(Enumerable.Range(1, (int)head).Select(r => (long)r), unitRevisions.Concat(transitions).Order());
        Assert.Equal(received.Revisions.Order(), received.Revisions);
        Assert.Equal(received.Revisions.Count, received.Revisions.Distinct().Count());
    }
}
