using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Sync.Tests.Support;

/// <summary>Keeps every log entry so a test can assert on warnings and fail on unexpected errors.</summary>
internal sealed class CollectingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IEnumerable<(LogLevel Level, EventId Id, string Message)> Errors => Entries.Where(e => e.Level >= LogLevel.Error);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
