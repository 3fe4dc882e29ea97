namespace ZoningHub.Hub.Store;

/// <summary>A county derivation could not derive, and why; its previous units stay in force.</summary>
public sealed record DerivationFailure(string County, string Error, string FailedAt);
