using System.Net;
using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>
/// <c>/health/ready</c> runs every check, the bus's included (ServiceDefaults): a hub whose broker is down takes no change
/// set and is not ready, though alive; once the broker is back it is ready again.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class When_the_hubs_broker_goes_down(RabbitMqBroker broker)
{
    [Fact]
    public async Task Should_report_not_ready_while_it_is_down_and_ready_once_it_is_back()
    {
        Assert.True(broker.CanStopAndStart, $"This test stops the broker; {broker.Description} is not the tests' own. Unset RABBITMQ_URL.");
        await using var system = await ZoningHubSystem.StartAsync(await broker.CreateVirtualHostAsync("broker-readiness"), withAdapter: false);
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(system, "/health/ready")).Status);

        await broker.StopBrokerAsync();
        try
        {
            (HttpStatusCode Status, string Body) ready = default;
            await Eventually.HoldsAsync(async () => (ready = await ProbeAsync(system, "/health/ready")).Status == HttpStatusCode.ServiceUnavailable,
                () => $"the hub is not ready without its broker; /health/ready answered {(int)ready.Status} '{ready.Body}'", seconds: 60);
            Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(system, "/alive")).Status);
        }
        finally
        {
            await broker.StartBrokerAsync();
        }

        await Eventually.HoldsAsync(async () => (await ProbeAsync(system, "/health/ready")).Status == HttpStatusCode.OK,
            "the hub is ready again once its broker is back", seconds: 120);
    }

    static async Task<(HttpStatusCode Status, string Body)> ProbeAsync(ZoningHubSystem system, string path)
    {
        using var response = await system.Http.GetAsync(new Uri(system.Hub.HttpUrl, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
