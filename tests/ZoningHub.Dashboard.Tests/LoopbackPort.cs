using System.Net.Sockets;

namespace ZoningHub.Dashboard.Tests;

/// <summary>Whether something in this process listens on a port: what the embedded run's address specs watch for.</summary>
static class LoopbackPort
{
    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Whether something comes to listen on the port within 10 s: Kestrel binds a reloaded endpoint within seconds.</summary>
    public static async Task<bool> ListenedOnWithinAsync(int port)
    {
        for (var tries = 0; tries < 20; tries++)
        {
            await Task.Delay(500);
            if (await AcceptsAsync(port))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Specs that write a settings file the embedded run reads (appsettings.json beside the executable, which the README's
/// command reads too) run one at a time: run beside one another, one read the other's edit.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SettingsFileWriters
{
    public const string Name = "settings files beside the executable";
}
