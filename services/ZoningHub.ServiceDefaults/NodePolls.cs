using OpenTelemetry;

namespace ZoningHub.ServiceDefaults;

/// <summary>
/// The hub's polls of each node: <c>GetNodeState</c> every round (2 s) and <c>GetDigest</c> every
/// <c>Hub:DigestInterval</c> (contracts/…/unit_push.proto), for as long as the hub runs. Traced, each poll started
/// a trace of its own (the gRPC call, its HTTP request, the node's server span) that says nothing about any
/// change set, about one a second per node, burying the traces that do. The hub makes them untraced, and every
/// service's server instrumentation leaves their paths out. The pushes themselves stay traced.
/// </summary>
public static class NodePolls
{
    /// <summary>The polls' request paths (a spec holds them to the generated service).</summary>
    public static readonly IReadOnlyList<string> Paths = ["/zoninghub.push.v1.UnitPush/GetNodeState", "/zoninghub.push.v1.UnitPush/GetDigest"];

    /// <summary>Makes a poll that OpenTelemetry records nothing of: no gRPC or HTTP client span, so no trace context sent to the node.</summary>
    public static async Task<T> UntracedAsync<T>(Func<Task<T>> poll)
    {
        using (SuppressInstrumentationScope.Begin())
        {
            return await poll();
        }
    }
}
