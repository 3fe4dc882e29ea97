namespace ZoningHub.Contracts;

/// <summary>
/// Kinds are strings on the wire, not enums, so a plain-JSON publisher with an unknown kind gets a
/// validation error naming the value instead of an undeserializable message.
/// </summary>
public static class ChangeSetKinds
{
    /// <summary>Only the listed features change.</summary>
    public const string Delta = "delta";

    /// <summary>The listed features are the layer's whole content from this stream; the rest is deleted.</summary>
    public const string Snapshot = "snapshot";
}
