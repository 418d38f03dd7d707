using System.Globalization;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>The gateway's last log lines in memory (Information and above; the framework's Warning and above), for the page's log tail and the
/// diagnostics bundle: one line each, <c>2026-11-26T19:00:00.000Z warn Category[id]: message</c>.</summary>
internal sealed class LogRing(TimeProvider time, int capacity = 500) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();

    /// <summary>The last <paramref name="max"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Tail(int max)
    {
        lock (_gate)
        {
            return [.. _lines.Skip(Math.Max(0, _lines.Count - max))];
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        new RingLogger(this, categoryName, categoryName.StartsWith("Microsoft.", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Information);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    // The framework's own request logs (one per request at Information) would push the gateway's lines out.
    private sealed class RingLogger(LogRing ring, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string level = logLevel switch
            {
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "error",
                _ => "crit",
            };

            // One line: the exception's type and message, never its stack.
            string message = formatter(state, exception).ReplaceLineEndings(" ");
            string error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
            ring.Add(string.Create(CultureInfo.InvariantCulture, $"{Sync.Json.Iso8601.Format(ring.Now())} {level} {category}[{eventId.Id}]: {message}{error}"));
        }
    }

    private DateTimeOffset Now() => time.GetUtcNow();
}
