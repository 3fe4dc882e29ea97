using System.Collections.Concurrent;
using MassTransit;
using ZoningHub.Contracts;

namespace ZoningHub.Hub.Tests;

/// <summary>Follows the rejection exchanges of the water and natural-resources departments, as their adapters do.</summary>
static class RejectionExchanges
{
    static readonly string[] Followed = ["water-resources", "natural-resources"];

    public static async Task<ConcurrentQueue<(string Department, ChangeSetRejected Event)>> FollowAsync(HubHost hub)
    {
        var heard = new ConcurrentQueue<(string Department, ChangeSetRejected Event)>();
        foreach (var department in Followed)
        {
            var endpoint = hub.Service<IBus>().ConnectReceiveEndpoint($"test-{department}-rejections", e =>
            {
                e.ConfigureConsumeTopology = false;
                ((IInMemoryReceiveEndpointConfigurator)e).Bind(Topology.RejectionExchange(department));
                e.Handler<ChangeSetRejected>(context =>
                {
                    heard.Enqueue((department, context.Message));
                    return Task.CompletedTask;
                });
            });
            await endpoint.Ready;
        }

        return heard;
    }
}
