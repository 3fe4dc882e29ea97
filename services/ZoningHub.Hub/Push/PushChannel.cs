using Grpc.Net.Client;

namespace ZoningHub.Hub.Push;

/// <summary>The gRPC channel a pusher reaches its node over.</summary>
public static class PushChannel
{
    public static GrpcChannel For(Uri address, HubOptions options) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = Handler(options) });

    /// <summary>
    /// The channel's own handler, with HTTP/2 pings while a call is under way. A connection the network dropped without
    /// a word (a NAT or firewall that forgot it, a node's host that froze) is otherwise never closed: each call's deadline
    /// ends the call, not the connection, and every next call goes to the same silence, so the node stays offline after it
    /// is back. A connection that answers no ping is closed, and the next call opens a new one.
    /// </summary>
    static SocketsHttpHandler Handler(HubOptions options) => new()
    {
        // As the handler GrpcChannel makes for itself: calls beyond a connection's stream limit open another connection.
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = options.PushKeepAlivePingDelay,
        KeepAlivePingTimeout = options.PushKeepAlivePingTimeout,
        // An idle pusher's connection is not kept open by pings: its next call finds out soon enough.
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
    };
}
