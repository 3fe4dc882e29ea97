using ZoningHub.ServiceDefaults;

namespace ZoningHub.Hub.Derivation;

/// <summary>Raised by derivation when the unit log grew.</summary>
public sealed class UnitLogSignal : WakeSignal;
