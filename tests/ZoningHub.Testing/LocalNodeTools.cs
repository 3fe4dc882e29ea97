namespace ZoningHub.Testing;

/// <summary>Where the Debian package's rabbitmq-server and rabbitmqctl are, or why the local node cannot run.</summary>
internal sealed record LocalNodeTools(string Server, string Ctl)
{
    private const string InstallHint =
        "Run infra/scripts/install-test-deps.sh as root to install it, or set RABBITMQ_URL to use a running broker.";

    public static LocalNodeTools Locate()
    {
        var server = Find("rabbitmq-server") ?? throw new InvalidOperationException(
            "No Docker engine answered and rabbitmq-server is not installed, so the tests have no RabbitMQ broker. "
            + InstallHint);
        var ctl = Find("rabbitmqctl") ?? throw new InvalidOperationException(
            "rabbitmq-server is installed but rabbitmqctl is not on PATH. " + InstallHint);

        // The package's wrappers re-run the tools as the rabbitmq user through su, which only root may do.
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"A throwaway RabbitMQ node needs root (running as {Environment.UserName}): the package's scripts "
                + "switch to the rabbitmq user. Run the tests as root, start Docker, or set RABBITMQ_URL.");
        }

        return new LocalNodeTools(server, ctl);
    }

    private static string? Find(string tool)
    {
        // sbin is often missing from a non-login PATH, and that is where the Debian package puts these tools.
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"])
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
    }
}
