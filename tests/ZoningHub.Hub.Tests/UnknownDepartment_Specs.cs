using MassTransit;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Intake;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// A department id with a typo is refused as <c>department.unknown</c> alone, no longer also as the stream's wrong owner,
/// whose refusal was what kept it from taking a number in the stream it names. It must still take none there: it would
/// use up the real department's number, and that department's own change set would read as an integrity alarm.
/// </summary>
public sealed class When_an_unknown_department_names_another_departments_stream
{
    [Fact]
    public async Task Should_take_no_sequence_number_in_that_stream()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);

        // As the embedded run hands it over: the transport does not say whose exchange it came through.
        var typo = ChangeSet(OneMap, 1, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3))) with { Department = "natural-resource" };
        await hub.Service<ChangeSetIntake>().TakeAsync([new Arrival(typo, null, null)], hub.Service<IBus>(), default);
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.AdminDivision, County("330106", Box(120, 30, 121, 31))));
        await hub.SettledAsync((OneMap, 1));

        var entry = Assert.Single((await hub.GetJsonAsync("/api/quarantine")).EnumerateArray());
        var reason = Assert.Single(entry.GetProperty("reasons").EnumerateArray());
        Assert.Equal(RejectionRules.DepartmentUnknown, reason.GetProperty("rule").GetString());
        Assert.Contains(hub.ActiveUnits(), u => u.County == "330106");
    }
}
