namespace ZoningHub.Contracts;

/// <summary>Room for the department's signature; verified once DESIGN §5 (Evidence) is built.</summary>
public record ChangeSetSignature
{
    /// <summary>Signature algorithm, e.g. <c>SM2-SM3</c> or <c>ECDSA-P256-SHA256</c>.</summary>
    public string Algorithm { get; init; } = "";

    public string KeyId { get; init; } = "";

    /// <summary>Base64 signature over the canonical JSON of the change set without this member.</summary>
    public string Value { get; init; } = "";
}
