namespace ZoningHub.Adapters.Kit;

/// <summary>How one layer's export fields map onto the contract's property names (contracts/README.md).</summary>
public sealed class LayerMapping
{
    /// <summary>The department field holding the feature's stable id, e.g. <c>HXBH</c> for a redline.</summary>
    public string IdField { get; set; } = "";

    /// <summary>Contract property name → department field name, e.g. <c>county</c> → <c>XZQDM</c>.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>Optional department field with the feature's own version; otherwise the content hash is the version.</summary>
    public string? VersionField { get; set; }
}
