using System.Net;
using System.Net.Sockets;

namespace ZoningHub.Testing;

/// <summary>Asks the kernel for ports nobody uses right now.</summary>
public static class FreeTcpPort
{
    /// <summary>Returns <paramref name="count"/> distinct free ports.</summary>
    public static IReadOnlyList<int> Find(int count)
    {
        // All listeners stay open until every port is known, so the kernel cannot hand out one port twice.
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                // Bound on every interface, because the Erlang distribution port listens on all of them.
                var listener = new TcpListener(IPAddress.Any, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
