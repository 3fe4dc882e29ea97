namespace ZoningHub.Adapters.Kit.Exports;

/// <summary>An export that cannot be published at all; the message says what is wrong and where.</summary>
public sealed class ExportFormatException(string message) : Exception(message);
