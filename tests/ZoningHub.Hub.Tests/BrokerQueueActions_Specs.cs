using System.Net;
using ZoningHub.Contracts;
using ZoningHub.Testing;

namespace ZoningHub.Hub.Tests;

/// <summary>The embedded run's in-memory bus keeps no broker queues: asked to read or move one, the hub says so rather than fail reaching a broker.</summary>
public sealed class When_an_operator_asks_for_broker_queues_on_the_in_memory_bus
{
    [Fact]
    public async Task Should_say_the_bus_keeps_none()
    {
        using var data = new TemporaryDirectory("zoninghub-hub-");
        await using var hub = await HubHost.StartAsync(data.Path);
        var queue = Topology.HubIntakeQueue + "_error";

        var read = await hub.GetAsync($"/api/broker-queues/{queue}/messages", HubHost.OperatorCredential);
        var moved = await hub.PostAsync($"/api/broker-queues/{queue}/move-back");
        var tooMany = await hub.GetAsync($"/api/broker-queues/{queue}/messages?limit=1000", HubHost.OperatorCredential);
        var none = await hub.PostAsync($"/api/broker-queues/{queue}/move-back?count=0");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest),
            (read.StatusCode, moved.StatusCode, tooMany.StatusCode, none.StatusCode));
        Assert.Contains("count must be at least 1 (it was 0)", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("in-memory bus (Bus:Transport), which keeps no broker queues", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
