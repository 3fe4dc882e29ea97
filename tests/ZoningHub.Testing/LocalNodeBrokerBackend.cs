using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ZoningHub.Testing;

/// <summary>
/// A throwaway RabbitMQ node from the Debian package, for machines without Docker: own ports, own folder under
/// /tmp, own node name, so it never meets a developer's broker or another test run's node.
/// </summary>
internal sealed class LocalNodeBrokerBackend : IBrokerBackend
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    private readonly LocalNodeTools tools;
    private readonly LocalNodeFolder folder;
    private readonly int nodePort;
    private readonly Dictionary<string, string> environment;
    private bool running;

    private LocalNodeBrokerBackend(LocalNodeTools tools, LocalNodeFolder folder, int nodePort, int distPort)
    {
        this.tools = tools;
        this.folder = folder;
        this.nodePort = nodePort;
        environment = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = folder.NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = nodePort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder.Path, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder.Path, "log"),
            ["RABBITMQ_PID_FILE"] = folder.PidFile,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder.Path, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder.Path, "rabbitmq.conf"),
            // Our own (empty) copies of the files the package reads from /etc/rabbitmq, so a developer's
            // machine-wide settings (node name, listeners, plugins) cannot leak into the test node.
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder.Path, "rabbitmq-env.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folder.Path, "advanced.config"),
            ["RABBITMQ_CONFIG_FILES"] = Path.Combine(folder.Path, "conf.d"),
        };
    }

    public string Description => $"local node {folder.NodeName} on port {nodePort} ({folder.Path})";

    public Uri AmqpUrl => new($"amqp://guest:guest@127.0.0.1:{nodePort}/");

    public bool CanStopAndStart => true;

    public static async Task<LocalNodeBrokerBackend> StartAsync(CancellationToken cancellationToken)
    {
        var tools = LocalNodeTools.Locate();
        LocalNodeFolder.RemoveOrphans();

        var ports = FreeTcpPort.Find(2);
        var folder = LocalNodeFolder.CreateNew();
        var node = new LocalNodeBrokerBackend(tools, folder, ports[0], ports[1]);
        try
        {
            await node.PrepareFolderAsync(cancellationToken);
            await node.LaunchAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public async Task<Uri> CreateVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        await CtlAsync(["add_vhost", name], cancellationToken);
        await CtlAsync(["set_permissions", "-p", name, "guest", ".*", ".*", ".*"], cancellationToken);
        return new UriBuilder(AmqpUrl) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    public async Task ImportDefinitionsAsync(string json, CancellationToken cancellationToken)
    {
        // The node reads the file itself, as the rabbitmq user, from its own folder.
        var file = Path.Combine(folder.Path, $"definitions-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json, cancellationToken);
        await CtlAsync(["import_definitions", file], cancellationToken);
    }

    public async Task StopBrokerAsync(CancellationToken cancellationToken)
    {
        if (!running)
        {
            return;
        }

        // With the pid file, stop returns only once the OS process is gone, so the ports are free for a restart.
        await CtlAsync(["stop", folder.PidFile], cancellationToken);
        running = false;
    }

    public Task StartBrokerAsync(CancellationToken cancellationToken) =>
        running ? Task.CompletedTask : LaunchAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (running)
        {
            await RunCtlAsync(["stop", folder.PidFile], CancellationToken.None);
            running = false;
        }

        // Also covers a node that half-started, or one the stop above could not reach.
        folder.KillNode();
        folder.Delete();
    }

    private async Task PrepareFolderAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "mnesia"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "log"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "conf.d"));
        // No plugins: management is not needed by the tests and costs seconds at every start.
        await File.WriteAllTextAsync(environment["RABBITMQ_ENABLED_PLUGINS_FILE"], string.Empty, cancellationToken);
        await File.WriteAllTextAsync(environment["RABBITMQ_CONF_ENV_FILE"], string.Empty, cancellationToken);
        await File.WriteAllTextAsync(
            environment["RABBITMQ_CONFIG_FILE"],
            """
            # Throwaway test node: guest/guest, which RabbitMQ only accepts from loopback (the default,
            # stated so nobody widens it here); the listener is bound to 127.0.0.1 through the environment.
            loopback_users.guest = true

            """,
            cancellationToken);

        // The package's scripts re-run the server as the rabbitmq user, which must own everything it writes.
        var chown = await CommandRunner.RunAsync(
            "chown", ["-R", "rabbitmq:rabbitmq", folder.Path], CommandLimit, cancellationToken: cancellationToken);
        if (!chown.Succeeded)
        {
            throw new InvalidOperationException($"Could not give {folder.Path} to the rabbitmq user: {chown.Output}");
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var launch = await CommandRunner.RunAsync(
            tools.Server, ["-detached"], CommandLimit, environment, cancellationToken);
        if (!launch.Succeeded)
        {
            throw Failure($"rabbitmq-server -detached failed: {launch.Output}");
        }

        // Calling await_startup at once fails (exit 69) until the node has registered with epmd, and once it
        // has, await_startup re-checks a booting node only every 10 s. The AMQP listener opens late in the boot,
        // so a cheap TCP probe comes first and await_startup then only confirms (and is retried if early).
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var remaining = StartupLimit - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw Failure($"the node did not start within {StartupLimit.TotalSeconds:0} s.");
            }

            if (File.Exists(folder.PidFile) && folder.RunningNodePid() is null)
            {
                throw Failure("the node exited during start-up.");
            }

            if (await AcceptsConnectionsAsync(cancellationToken))
            {
                var seconds = Math.Max(1, (int)remaining.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                var wait = await RunCtlAsync(["-t", seconds, "await_startup"], cancellationToken);
                if (wait.Succeeded)
                {
                    running = true;
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, nodePort, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task CtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunCtlAsync(arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"rabbitmqctl {string.Join(' ', arguments)} failed on {Description} "
                + $"(exit {result.ExitCode}{(result.TimedOut ? ", timed out" : string.Empty)}): {result.Output}");
        }
    }

    private Task<CommandResult> RunCtlAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(
            tools.Ctl, ["-n", folder.NodeName, .. arguments], CommandLimit, cancellationToken: cancellationToken);

    private InvalidOperationException Failure(string what) => new(
        $"Could not start the throwaway RabbitMQ node {folder.NodeName} on port {nodePort}: {what}"
        + $"{Environment.NewLine}Last lines of {folder.LogFile}:{Environment.NewLine}{folder.LogTail(40)}");
}
