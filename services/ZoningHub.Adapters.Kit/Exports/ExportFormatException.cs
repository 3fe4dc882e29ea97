namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>An export that cannot be published at all; the message says what is wrong and where.</summary>
public class ExportFormatException(string message) : Exception(message);

/// <summary>
/// An export file that ends before its content does: a copy still under way (or stalled) reads so as well as an
/// interrupted one, so the inbox waits for more before it refuses it (<see cref="AdapterOptions.CutShortWait"/>).
/// </summary>
public sealed class ExportCutShortException(string message) : ExportFormatException(message);
