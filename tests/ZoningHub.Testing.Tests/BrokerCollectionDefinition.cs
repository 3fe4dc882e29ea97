using Xunit;

namespace ZoningHub.Testing.Tests;

/// <summary>
/// One broker for every test here; the collection also keeps the tests sequential, which matters because one
/// of them stops the broker under the others' feet.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollectionDefinition : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ broker";
}
