using System.ComponentModel.DataAnnotations;

namespace ZoningHub.Hub;

/// <summary>A node the hub pushes to: <c>Hub:Nodes:N</c>.</summary>
public sealed class NodeRegistration
{
    [Required]
    public string Id { get; set; } = "";

    /// <summary><c>national</c>, or the two-digit province code whose units the node receives.</summary>
    [Required, RegularExpression("^(national|[1-8][0-9])$", ErrorMessage = "Scope must be 'national' or a two-digit province code such as '33'.")]
    public string Scope { get; set; } = "";

    /// <summary>The node's gRPC (HTTP/2) address, e.g. <c>http://127.0.0.1:5091</c>.</summary>
    [Required]
    public Uri? Address { get; set; }

    /// <summary>
    /// The credential this node accepts pushes with; <c>Hub:PushCredential</c> when not set. One per node keeps a
    /// node's credential, should it leak, from letting anyone push to every other node.
    /// </summary>
    public string? Credential { get; set; }
}
