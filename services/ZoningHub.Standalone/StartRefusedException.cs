namespace ZoningHub.Standalone;

/// <summary>A configuration the embedded run refuses to start with; its message says what to change, so it is shown alone.</summary>
public sealed class StartRefusedException(string message) : InvalidOperationException(message);
