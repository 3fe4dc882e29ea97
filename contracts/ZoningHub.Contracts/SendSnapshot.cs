namespace ZoningHub.Contracts;

/// <summary>The hub asks an adapter for a full snapshot of a layer, published as the stream's next change set.</summary>
public record SendSnapshot
{
    public string Stream { get; init; } = "";
    public string Layer { get; init; } = "";
    public string Reason { get; init; } = "";
}
