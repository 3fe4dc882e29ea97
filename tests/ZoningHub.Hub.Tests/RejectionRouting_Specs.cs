using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.Hub.Core;
using ZoningHub.Hub.Core.Intake;
using ZoningHub.Hub.Intake;
using ZoningHub.Testing;
using static ZoningHub.Testing.Sources;

namespace ZoningHub.Hub.Tests;

/// <summary>
/// DESIGN §5: the publishing department hears of a rejection, on its own rejection exchange, the only one its broker
/// user may read. A department that names a stream of another department's (a misconfigured adapter) is refused for
/// it; the event goes to the department that published it, not to the one the stream names, which did not.
/// </summary>
public sealed class When_a_department_publishes_under_another_departments_stream
{
    [Fact]
    public async Task Should_send_the_rejection_to_the_publishing_departments_exchange()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var heard = await RejectionExchanges.FollowAsync(hub);

        // The water department's adapter, configured with the one-map stream's name by mistake.
        await hub.SendAsync(ChangeSet(OneMap, 1, Layers.DrinkingWater, Upsert("W1", Box(120.1, 30.1, 120.3, 30.3)))
            with { Department = "water-resources" });
        await Eventually.HoldsAsync(() => !heard.IsEmpty, "the rejection event is sent to a department's exchange");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var (to, rejected) = Assert.Single(heard);
        Assert.Equal(RejectionRules.StreamNotOwned, Assert.Single(rejected.Rejections).Rule);
        Assert.Equal("water-resources", to);
    }
}

/// <summary>
/// On RabbitMQ a change set that names another department than the one whose exchange it came through is refused
/// (<c>authority.exchange-not-department</c>): its rejection goes to the department whose exchange it came through,
/// never to the one it names, which did not publish it.
/// </summary>
public sealed class When_a_change_set_names_another_department_than_its_exchanges
{
    [Fact]
    public async Task Should_send_the_rejection_to_the_exchanges_department_only()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var heard = await RejectionExchanges.FollowAsync(hub);

        // As the consumer hands it over when RabbitMQ delivered it through the water department's exchange.
        var forged = ChangeSet(OneMap, 1, Layers.Redline, Upsert("H1", Box(120.1, 30.1, 120.3, 30.3)));
        await hub.Service<ChangeSetIntake>().TakeAsync([new Arrival(forged, null, "water-resources")], hub.Service<IBus>(), default);
        await Eventually.HoldsAsync(() => !heard.IsEmpty, "the rejection event is sent to a department's exchange");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var (to, rejected) = Assert.Single(heard);
        Assert.Equal(RejectionRules.ExchangeNotDepartment, Assert.Single(rejected.Rejections).Rule);
        Assert.Equal("water-resources", to);
    }
}
