using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary>Keeps every message logged, as written out, for specs about what must never be logged.</summary>
sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue($"{formatter(state, exception)} {exception}");
}
