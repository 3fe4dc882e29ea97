using MassTransit;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit.Requests;

/// <summary>
/// The adapter's request queue stays inside the broker rights of its department (infra/README.md): no
/// message-type bindings (the hub sends straight to the queue) and no fault events to shared exchanges.
/// </summary>
public sealed class ResendChangeSetsConsumerDefinition : ConsumerDefinition<ResendChangeSetsConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ResendChangeSetsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConfigureConsumeTopology = false;
        endpointConfigurator.PublishFaults = false;
        endpointConfigurator.UseQuorumQueue();
    }
}
