using Xunit;

namespace ZoningHub.Testing;

/// <summary>
/// A real RabbitMQ broker for integration tests, as an xunit fixture. In order of preference: the broker named by
/// RABBITMQ_URL; a Testcontainers container when a Docker engine answers; else a throwaway local node from the
/// Debian package (see infra/README.md). Give each test its own virtual host with <see cref="CreateVirtualHostAsync"/>.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private static readonly TimeSpan DockerProbeLimit = TimeSpan.FromSeconds(5);

    private IBrokerBackend? backend;

    /// <summary>amqp://guest:guest@127.0.0.1:PORT/ — the default virtual host "/".</summary>
    public Uri AmqpUrl => Backend.AmqpUrl;

    /// <summary>Which broker this is, for test output and failure messages.</summary>
    public string Description => Backend.Description;

    /// <summary>False for a RABBITMQ_URL broker, which the tests do not own.</summary>
    public bool CanStopAndStart => Backend.CanStopAndStart;

    private IBrokerBackend Backend => backend ?? throw new InvalidOperationException(
        "The broker is not started: use it as an xunit fixture or call InitializeAsync.");

    public async Task InitializeAsync()
    {
        backend = await SelectAsync(CancellationToken.None);
    }

    /// <summary>
    /// Creates the virtual host <paramref name="name"/>, gives the broker's user (guest, on brokers the tests start)
    /// full rights on it and returns its AMQP URL. About 1.5 s on a local node (two rabbitmqctl runs).
    /// Names are limited to letters, digits, '.', '_' and '-', as they pass through a shell in the package scripts.
    /// </summary>
    public Task<Uri> CreateVirtualHostAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException(
                $"Virtual host name '{name}' must be 1-100 ASCII letters, digits, '.', '_' or '-'.", nameof(name));
        }

        return Backend.CreateVirtualHostAsync(name, CancellationToken.None);
    }

    /// <summary>
    /// Imports RabbitMQ definitions as a deployment's broker loads them at boot: users (which belong to the broker,
    /// not to a virtual host, so name them for the test), virtual hosts, permissions, policies and topology.
    /// </summary>
    public Task ImportDefinitionsAsync(string json) => Backend.ImportDefinitionsAsync(json, CancellationToken.None);

    /// <summary>Stops the broker; connections drop. Data stays, for <see cref="StartBrokerAsync"/>.</summary>
    public Task StopBrokerAsync() => Backend.StopBrokerAsync(CancellationToken.None);

    /// <summary>
    /// Starts the same broker again: same port, same virtual hosts, durable queues and persistent messages.
    /// </summary>
    public Task StartBrokerAsync() => Backend.StartBrokerAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (backend is not null)
        {
            await backend.DisposeAsync();
            backend = null;
        }
    }

    private static async Task<IBrokerBackend> SelectAsync(CancellationToken cancellationToken)
    {
        var url = Environment.GetEnvironmentVariable("RABBITMQ_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            var management = Environment.GetEnvironmentVariable("RABBITMQ_MANAGEMENT_URL");
            return new ExternalBrokerBackend(
                ParseUrl("RABBITMQ_URL", url),
                string.IsNullOrWhiteSpace(management) ? null : ParseUrl("RABBITMQ_MANAGEMENT_URL", management));
        }

        // The docker CLI may be installed with no engine behind it; only an answering engine counts.
        if (await CommandRunner.SucceedsAsync("docker", ["info"], DockerProbeLimit))
        {
            return await ContainerBrokerBackend.StartAsync(cancellationToken);
        }

        return await LocalNodeBrokerBackend.StartAsync(cancellationToken);
    }

    private static Uri ParseUrl(string variable, string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{variable} is not an absolute URL: '{value}'.");
}
