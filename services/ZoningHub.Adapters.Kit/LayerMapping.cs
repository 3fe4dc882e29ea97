namespace ZoningHub.Adapters.Kit;

/// <summary>How one layer's export fields map onto the contract's property names (contracts/README.md §4).</summary>
public sealed class LayerMapping
{
    /// <summary>The department field holding the feature's stable id, e.g. <c>HXBH</c> for a redline.</summary>
    public string IdField { get; set; } = "";

    /// <summary>Contract property name → department field name, e.g. <c>county</c> → <c>XZQDM</c>.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>
    /// Contract property name → department value → contract value, for fields whose values are the department's
    /// own vocabulary, e.g. <c>zone</c>: <c>核心区</c> → <c>core</c>. A value with no entry passes through unchanged.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> Values { get; set; } = [];

    /// <summary>Optional department field with the feature's own version; otherwise the content hash is the version.</summary>
    public string? VersionField { get; set; }
}
