using System.Net;
using System.Net.Sockets;

namespace ZoningHub.EndToEnd.Tests;

static class Ports
{
    /// <summary>Distinct loopback ports free right now (listeners held until all are known).</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
