namespace ZoningHub.Testing;

/// <summary>One way of getting a real broker; <see cref="RabbitMqBroker"/> picks one at start-up.</summary>
internal interface IBrokerBackend : IAsyncDisposable
{
    /// <summary>Short name shown in failure messages, so a reader knows which broker a test ran against.</summary>
    string Description { get; }

    Uri AmqpUrl { get; }

    bool CanStopAndStart { get; }

    Task<Uri> CreateVirtualHostAsync(string name, CancellationToken cancellationToken);

    /// <summary>Imports RabbitMQ definitions (users, virtual hosts, permissions, policies, topology), as a deployment's broker loads them.</summary>
    Task ImportDefinitionsAsync(string json, CancellationToken cancellationToken);

    Task StopBrokerAsync(CancellationToken cancellationToken);

    Task StartBrokerAsync(CancellationToken cancellationToken);
}
