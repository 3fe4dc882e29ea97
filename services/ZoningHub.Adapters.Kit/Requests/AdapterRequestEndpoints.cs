using MassTransit;
using ZoningHub.Contracts;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit.Requests;

/// <summary>
/// One request queue per hosted department, named after it so the broker can grant each adapter its own
/// (infra/README.md): no message-type bindings (the hub sends straight to the queue) and no fault events to
/// shared exchanges, which the adapter's broker user may not write.
/// </summary>
public sealed class AdapterRequestEndpoints(AdapterRegistry adapters) : IReceiveEndpointContributor
{
    public void Configure(IBusRegistrationContext context, IReceiveConfigurator bus)
    {
        foreach (var department in adapters.All.Select(a => a.Options.Department).Distinct(StringComparer.Ordinal))
        {
            bus.ReceiveEndpoint(Topology.AdapterRequestQueue(department), endpoint =>
            {
                endpoint.ConfigureConsumeTopology = false;
                endpoint.PublishFaults = false;
                endpoint.UseQuorumQueue();
                endpoint.ConfigureConsumer<AdapterRequestConsumer>(context);
            });
        }
    }
}
