using System.Diagnostics;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Testing;
using static ZoningHub.Hub.Tests.DepartmentTraces;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// Issue 6: a change set's trace goes on through derivation even when other change sets marked the same county
/// before derivation ran. The county used to keep only the newest mark's trace, so the earlier ones ended at intake.
/// </summary>
public sealed class When_two_change_sets_mark_one_county_before_it_is_derived : IDisposable
{
    readonly RecordedSpans _spans = new();

    [Fact]
    public async Task Should_continue_or_link_both_change_sets_traces_from_the_derivation()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        // Long enough that both change sets are taken before derivation runs again.
        await using var hub = await HubHost.StartAsync(data.Path, ("Hub:DerivationDelay", "00:00:03"));
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));

        var first = await SendTracedAsync(hub, ChangeSet(OneMap, 2, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))));
        var second = await SendTracedAsync(hub, ChangeSet(OneMap, 3, Layers.Farmland, Upsert("F1", Box(120.5, 30.5, 120.6, 30.6))));
        await hub.SettledAsync((OneMap, 3));

        Assert.True(_spans.Stopped.Any(s => s.OperationName == "hub.intake" && s.TraceId == first), "intake traced the first change set");
        Assert.True(_spans.Stopped.Any(s => s.OperationName == "hub.intake" && s.TraceId == second), "intake traced the second change set");
        await Eventually.HoldsAsync(() => _spans.Stopped.Any(s => s.OperationName == "hub.derive" && Reaches(s).IsSupersetOf([first, second])),
            () => $"one derivation continues or links both {first} and {second}; derivations: "
                + string.Join("; ", _spans.Stopped.Where(s => s.OperationName == "hub.derive").Select(s => string.Join(", ", Reaches(s)))));
    }

    public void Dispose() => _spans.Dispose();
}
