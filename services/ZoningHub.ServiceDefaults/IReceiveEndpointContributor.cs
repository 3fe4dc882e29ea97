using MassTransit;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// Receive endpoints the bus's naming conventions cannot express, such as one consumer type serving a queue
/// per hosted department in the embedded run. Register implementations in DI; the bus configures them last.
/// </summary>
public interface IReceiveEndpointContributor
{
    void Configure(IBusRegistrationContext context, IReceiveConfigurator bus);
}
