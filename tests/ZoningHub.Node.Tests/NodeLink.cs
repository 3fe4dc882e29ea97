using System.Net;
using System.Net.Sockets;

namespace ZoningHub.Node.Tests;

/// <summary>
/// The network between the hub and a node, as a TCP relay to the node that can go silent: the connections it relays
/// stop carrying bytes either way and are left open, as a connection is when a NAT or firewall between hub and node
/// forgets it, or the node's host freezes. Nothing tells the hub: no reset, no close, and the relay's kernel still
/// acknowledges what the hub sends. Connections made after are relayed again. It can also carry bytes as slowly as a
/// provincial link.
/// </summary>
public sealed class NodeLink : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly Uri _target;
    readonly CancellationTokenSource _stopping = new();
    readonly List<TcpClient> _sockets = [];
    readonly Task _accepting;
    CancellationTokenSource _relaying = new();
    int _connections;

    public NodeLink(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections the relay took so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many bytes a second the link carries each way; null, as fast as it can.</summary>
    public int? BytesPerSecond { get; set; }

    /// <summary>Every connection relayed so far goes silent.</summary>
    public void Silence() => Interlocked.Exchange(ref _relaying, new()).Cancel();

    async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient hub;
            try
            {
                hub = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = RelayAsync(hub, _relaying.Token);
        }
    }

    async Task RelayAsync(TcpClient hub, CancellationToken silenced)
    {
        var node = new TcpClient();
        lock (_sockets)
        {
            _sockets.AddRange([hub, node]);
        }

        try
        {
            await node.ConnectAsync(_target.Host, _target.Port, _stopping.Token);
            await Task.WhenAny(CopyAsync(hub, node, silenced), CopyAsync(node, hub, silenced));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
        }

        // Silenced, both sockets stay open (closed only with the relay); otherwise one side closed, and so does the other.
        if (!silenced.IsCancellationRequested)
        {
            hub.Dispose();
            node.Dispose();
        }
    }

    async Task CopyAsync(TcpClient from, TcpClient to, CancellationToken silenced)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.GetStream().ReadAsync(buffer, silenced)) > 0)
            {
                if (BytesPerSecond is { } rate)
                {
                    await Task.Delay(TimeSpan.FromSeconds(read / (double)rate), silenced);
                }

                await to.GetStream().WriteAsync(buffer.AsMemory(0, read), silenced);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        lock (_sockets)
        {
            _sockets.ForEach(s => s.Dispose());
        }

        _stopping.Dispose();
    }
}
