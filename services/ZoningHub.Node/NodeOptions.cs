using System.ComponentModel.DataAnnotations;
using ZoningHub.Hub.Core;
using ZoningHub.ServiceDefaults;

namespace ZoningHub.Node;

/// <summary>Configuration section <c>Node</c>: the node's role is its scope.</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>The largest push the node takes (the hub sends one unit alone if it is bigger than a batch).</summary>
    public const int MaxMessageBytes = GrpcPushLimit.MaxMessageBytes;

    /// <summary>How far ahead of the node's writing the hub may send: a few of its 1 MiB chunks or batches.</summary>
    public const int ReceiveWindowBytes = 4 * 1024 * 1024;

    [Required]
    public string Id { get; set; } = "national";

    /// <summary><c>national</c> (every unit) or a two-digit province code (the units whose county starts with it).</summary>
    [Required, RegularExpression("^(national|[1-8][0-9])$", ErrorMessage = "Node:Scope must be 'national' or a two-digit province code such as '33'.")]
    public string Scope { get; set; } = "national";

    /// <summary>The only credential pushes are accepted with (the hub's <c>Hub:Nodes:N:Credential</c> for this node, or its <c>Hub:PushCredential</c>).</summary>
    [Required(ErrorMessage = "Node:HubCredential is required: the node accepts pushes only from the hub holding it.")]
    public string HubCredential { get; set; } = "";

    [Required]
    public string DataDirectory { get; set; } = "data/node";

    public bool Covers(string county) => Scope == "national" || county.StartsWith(Scope, StringComparison.Ordinal);

    /// <summary>
    /// Why a query's province or county filter is refused here, or null: malformed, as the hub says it, or outside
    /// this node's scope, which a provincial node says rather than answer an empty list that reads as "no units there".
    /// </summary>
    public string? FilterProblem(string? province, string? county) => FilterViolation(province, county)?.Problem;

    /// <summary>The same as <see cref="FilterProblem"/>, with the filter at fault and whether it is outside the node's scope, as a gRPC refusal names them.</summary>
    public (string Field, string Problem, bool OutOfScope)? FilterViolation(string? province, string? county) =>
        AreaCodes.FilterViolation(province, county) is { } malformed ? (malformed.Field, malformed.Problem, false)
        : province is not null && Scope != "national" && province != Scope ? ("province", Outside($"province {province}"), true)
        : county is not null && !Covers(county) ? ("county", Outside($"county {county}"), true)
        : null;

    string Outside(string what) => $"{what} is outside node {Id}'s scope (province {Scope}); the national node and the hub hold every province.";
}
