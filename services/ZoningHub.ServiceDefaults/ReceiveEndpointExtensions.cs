using MassTransit;

namespace ZoningHub.ServiceDefaults;

/// <summary>Transport-neutral helpers, so service wiring reads the same on RabbitMQ and in memory.</summary>
public static class ReceiveEndpointExtensions
{
    /// <summary>Binds a fanout exchange to this endpoint on either transport.</summary>
    public static void BindExchange(this IReceiveEndpointConfigurator endpoint, string exchange)
    {
        switch (endpoint)
        {
            case IRabbitMqReceiveEndpointConfigurator rabbit:
                rabbit.Bind(exchange);
                break;
            case IInMemoryReceiveEndpointConfigurator memory:
                memory.Bind(exchange);
                break;
            default:
                throw new NotSupportedException($"Binding exchanges is not wired for {endpoint.GetType().Name}.");
        }
    }

    /// <summary>Durable, replicated queues on RabbitMQ (DESIGN §6); nothing to do in memory.</summary>
    public static void UseQuorumQueue(this IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.SetQuorumQueue();
        }
    }
}
