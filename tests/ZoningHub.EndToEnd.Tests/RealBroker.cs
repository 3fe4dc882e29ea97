using ZoningHub.Testing;

namespace ZoningHub.EndToEnd.Tests;

/// <summary>One real broker for every end-to-end test; each test takes its own virtual host.</summary>
[CollectionDefinition(Name)]
public sealed class RealBroker : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker";
}
