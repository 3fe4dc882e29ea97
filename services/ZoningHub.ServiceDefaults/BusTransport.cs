namespace ZoningHub.ServiceDefaults;

public enum BusTransport
{
    InMemory,
    RabbitMq,
}
