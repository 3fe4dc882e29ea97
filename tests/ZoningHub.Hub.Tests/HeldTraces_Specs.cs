using System.Diagnostics;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Hub.Tests.DepartmentTraces;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Review of issue 6 (one change set is one trace, from adapter to node): a change set that comes before the one it
/// follows waits in the hub's store, held, until its predecessor arrives. Work that waits in a store between stages keeps
/// the trace of the span that queued it (ZoningHubActivity); the held change set's does not: held_change_sets keeps no
/// traceparent, and when the hold is lifted its counties are marked in the trace of whatever change set lifted it, so
/// its own trace ends at intake and the derivation and push it caused cannot be found from it.
/// </summary>
public sealed class When_a_change_set_is_held_until_the_one_before_it_arrives : IDisposable
{
    readonly RecordedSpans _spans = new();

    [Fact]
    public async Task Should_continue_the_held_change_sets_own_trace_into_the_derivation_it_causes()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));

        // #3 first: it is held until #2 comes.
        var held = await SendTracedAsync(hub, ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.5, 30.5, 120.6, 30.6))));
        var filler = await SendTracedAsync(hub, ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        await hub.SettledAsync((OneMap, 3));

        Assert.True(_spans.Stopped.Any(s => s.OperationName == "hub.intake" && s.TraceId == held), "intake traced the held change set");
        Assert.True(_spans.Stopped.Any(s => s.OperationName == "hub.derive" && Reaches(s).Contains(filler)), "the derivation continues the change set that filled the gap");
        await Eventually.HoldsAsync(() => _spans.Stopped.Any(s => s.OperationName == "hub.derive" && Reaches(s).Contains(held)),
            () => $"a derivation continues or links the held change set's trace {held} (the one that filled the gap is {filler}); derivations reach: "
                + string.Join("; ", _spans.Stopped.Where(s => s.OperationName == "hub.derive").Select(s => string.Join(", ", Reaches(s)))));
    }

    public void Dispose() => _spans.Dispose();
}
