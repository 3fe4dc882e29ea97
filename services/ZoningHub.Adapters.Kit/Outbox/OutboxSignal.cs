using ZoningHub.ServiceDefaults;

namespace ZoningHub.Adapters.Kit.Outbox;

/// <summary>Raised when an export added change sets to the outbox.</summary>
public sealed class OutboxSignal : WakeSignal;
