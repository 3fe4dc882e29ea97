using DotNet.Testcontainers.Containers;
using Testcontainers.RabbitMq;

namespace ZoningHub.Testing;

/// <summary>A RabbitMQ container through Testcontainers, for machines with a Docker engine.</summary>
internal sealed class ContainerBrokerBackend : IBrokerBackend
{
    // The 3.x line, like the Debian package the local-node strategy uses (3.10); 4.x changes quorum defaults.
    private const string Image = "rabbitmq:3.13-alpine";
    private const int AmqpPort = 5672;

    private readonly RabbitMqContainer container;
    private readonly int hostPort;

    private ContainerBrokerBackend(RabbitMqContainer container, int hostPort)
    {
        this.container = container;
        this.hostPort = hostPort;
    }

    public string Description => $"Docker container {Image} on port {hostPort}";

    public Uri AmqpUrl => new($"amqp://guest:guest@{container.Hostname}:{hostPort}/");

    public bool CanStopAndStart => true;

    public static async Task<ContainerBrokerBackend> StartAsync(CancellationToken cancellationToken)
    {
        // A fixed host port rather than a random one: Docker picks a new random port on every start, and
        // clients that reconnect after StopBrokerAsync/StartBrokerAsync must find the broker where it was.
        var hostPort = FreeTcpPort.Find(1)[0];
        var container = new RabbitMqBuilder(Image)
            .WithUsername("guest")
            .WithPassword("guest")
            .WithPortBinding(hostPort, AmqpPort)
            .Build();
        try
        {
            await container.StartAsync(cancellationToken);
            return new ContainerBrokerBackend(container, hostPort);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    public async Task<Uri> CreateVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        await RabbitMqCtlAsync(["add_vhost", name], cancellationToken);
        await RabbitMqCtlAsync(["set_permissions", "-p", name, "guest", ".*", ".*", ".*"], cancellationToken);
        return new UriBuilder(AmqpUrl) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    public async Task ImportDefinitionsAsync(string json, CancellationToken cancellationToken)
    {
        var file = $"/tmp/definitions-{Guid.NewGuid():N}.json";
        await container.CopyAsync(System.Text.Encoding.UTF8.GetBytes(json), file, ct: cancellationToken);
        await RabbitMqCtlAsync(["import_definitions", file], cancellationToken);
    }

    public Task StopBrokerAsync(CancellationToken cancellationToken) => container.StopAsync(cancellationToken);

    public async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        await container.StartAsync(cancellationToken);
        // The log-based wait strategy can match the previous run's "startup complete" line; ask the node itself.
        await RabbitMqCtlAsync(["await_startup"], cancellationToken);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();

    private async Task RabbitMqCtlAsync(IList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await container.ExecAsync(["rabbitmqctl", .. arguments], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"rabbitmqctl {string.Join(' ', arguments)} failed in the container ({result.ExitCode}): "
                + $"{result.Stdout}{result.Stderr}");
        }
    }
}
