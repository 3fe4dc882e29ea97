namespace ZoningHub.Standalone;

/// <summary>A node the embedded run hosts in-process, on its own loopback ports: <c>Embedded:Nodes:N</c>.</summary>
public sealed class EmbeddedNode
{
    public string Id { get; set; } = "";

    public string Scope { get; set; } = "";

    public Uri? HttpUrl { get; set; }

    public Uri? GrpcUrl { get; set; }
}
