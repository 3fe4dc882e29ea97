namespace ZoningHub.Contracts;

/// <summary>The hub asks an adapter to publish again the change sets <see cref="FromSequence"/>…<see cref="ToSequence"/>.</summary>
public record ResendChangeSets
{
    public string Stream { get; init; } = "";
    public long FromSequence { get; init; }

    /// <summary>Inclusive; null means "through the newest".</summary>
    public long? ToSequence { get; init; }

    public string Reason { get; init; } = "";
}
