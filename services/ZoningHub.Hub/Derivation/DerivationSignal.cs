using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Derivation;

/// <summary>Raised by intake when counties were marked.</summary>
public sealed class DerivationSignal : WakeSignal;
