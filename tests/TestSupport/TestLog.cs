using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;

[assembly: EdgeGateway.TestSupport.FailOnErrorLogs]

namespace EdgeGateway.TestSupport;

/// <summary>One log entry a test saw.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Id">Its event id (and name: a [LoggerMessage] method's name).</param>
/// <param name="Category">The logger's category (the type's full name).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it.</param>
internal sealed record LoggedLine(LogLevel Level, EventId Id, string Category, string Message, Exception? Exception = null)
{
    /// <summary>One line for a failure message.</summary>
    public override string ToString() =>
        $"[{Level}] {Category}[{Id.Id}{(Id.Name is null ? "" : " " + Id.Name)}] {Message}{(Exception is null ? "" : $" ({Exception.GetType().Name}: {Exception.Message})")}";
}

/// <summary>
/// The log of one test: every entry any <see cref="TestLog.For{T}"/> logger (or an in-process host's provider, or an
/// out-of-process gateway's output) wrote while the test ran. At the end of the test (<see cref="FailOnErrorLogsAttribute"/>)
/// an Error or Critical entry the test did not declare with <see cref="ExpectError(int)"/> fails it, naming the line, as
/// MQTTnet's <c>TestEnvironment</c> fails a test on a logged server or client error.
/// </summary>
internal sealed class TestLogCollector
{
    private readonly ConcurrentQueue<LoggedLine> _entries = new();
    private readonly ConcurrentQueue<Func<LoggedLine, bool>> _expected = new();

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<LoggedLine> Entries => [.. _entries];

    /// <summary>The Error and Critical entries so far.</summary>
    public IReadOnlyList<LoggedLine> Errors => [.. _entries.Where(e => e.Level >= LogLevel.Error)];

    /// <summary>Adds an entry.</summary>
    public void Add(LoggedLine entry) => _entries.Enqueue(entry);

    /// <summary>Declares that errors with event id <paramref name="eventId"/> are part of what the test provokes.</summary>
    public void ExpectError(int eventId) => _expected.Enqueue(e => e.Id.Id == eventId);

    /// <summary>Declares that errors of the [LoggerMessage] method <paramref name="eventName"/> (its event name) are expected.</summary>
    public void ExpectError(string eventName) => _expected.Enqueue(e => string.Equals(e.Id.Name, eventName, StringComparison.Ordinal));

    /// <summary>Declares the errors matching <paramref name="match"/> expected (e.g. an out-of-process gateway's line).</summary>
    public void ExpectErrors(Func<LoggedLine, bool> match) => _expected.Enqueue(match);

    /// <summary>The Error and Critical entries no expectation covers.</summary>
    public IReadOnlyList<LoggedLine> Unexpected => [.. Errors.Where(e => !_expected.Any(m => m(e)))];
}

/// <summary>
/// Loggers for tests, in place of <c>NullLogger</c>: <c>TestLog.For&lt;X&gt;()</c> gives an <see cref="ILogger{X}"/> that
/// writes into the running test's <see cref="TestLogCollector"/> (an ambient one per test, created before the test
/// class is built or on first use), so an error log fails the test unless it declared it.
/// </summary>
internal static class TestLog
{
    private static readonly AsyncLocal<TestLogCollector?> Ambient = new();
    private static readonly ConcurrentQueue<LoggedLine> Stray = new();
    private static readonly ConcurrentQueue<Exception> Unobserved = new();

    [ModuleInitializer]
    internal static void WatchUnobservedTasks() =>
        TaskScheduler.UnobservedTaskException += (_, e) => Unobserved.Enqueue(e.Exception);

    /// <summary>The running test's collector (created if this is the first use in the test).</summary>
    public static TestLogCollector Current => Ambient.Value ??= new TestLogCollector();

    /// <summary>Declares errors with event id <paramref name="eventId"/> expected in the running test.</summary>
    public static void ExpectError(int eventId) => Current.ExpectError(eventId);

    /// <summary>Declares errors of the [LoggerMessage] method <paramref name="eventName"/> expected in the running test.</summary>
    public static void ExpectError(string eventName) => Current.ExpectError(eventName);

    /// <summary>A logger for <typeparamref name="T"/> into the running test's log.</summary>
    public static TestLogger<T> For<T>() => new(Ambient.Value ?? Current);

    /// <summary>A logger named <paramref name="category"/> into the running test's log.</summary>
    public static ILogger For(string category) => new TestLogger(category, Ambient.Value ?? Current);

    /// <summary>A provider for a host's <see cref="ILoggerFactory"/> (<c>factory.AddProvider(TestLog.Provider())</c>)
    /// that writes into the running test's log, from whatever thread the host logs.</summary>
    public static ILoggerProvider Provider() => new TestLogProvider(Current);

    /// <summary>Adds <see cref="Provider()"/> to a built host's logger factory (<c>TestLog.Attach(host.Services)</c>, before
    /// <c>StartAsync</c>), so what the whole host logs counts for the running test; returns the services.</summary>
    public static IServiceProvider Attach(IServiceProvider services, TestLogCollector? collector = null)
    {
        var factory = (ILoggerFactory?)services.GetService(typeof(ILoggerFactory)) ?? throw new InvalidOperationException("the host has no ILoggerFactory");
        factory.AddProvider(Provider(collector ?? Current));
        return services;
    }

    /// <summary>A provider into <paramref name="collector"/> (a host built later, on another thread, for the same test).</summary>
    public static ILoggerProvider Provider(TestLogCollector collector) => new TestLogProvider(collector);

    /// <summary>
    /// Reads one line of an out-of-process gateway's console (the simple console logger, single line:
    /// <c>2026-11-26T16:00:00.000 fail: EdgeGateway.Runtime.Hosting.PeriodicService[1000] …</c>) into its level,
    /// category, event id and message; a line the runtime itself wrote on a crash (<c>Unhandled exception.</c>) is
    /// Critical; any other line is Information (a continuation, a CLI line).
    /// </summary>
    public static LoggedLine ParseConsoleLine(string line)
    {
        var m = ConsoleLine.Match(line);
        if (m.Success)
        {
            var level = m.Groups["level"].Value switch
            {
                "trce" => LogLevel.Trace,
                "dbug" => LogLevel.Debug,
                "info" => LogLevel.Information,
                "warn" => LogLevel.Warning,
                "fail" => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            return new LoggedLine(level, new EventId(int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)), m.Groups["category"].Value, m.Groups["message"].Value);
        }

        return line.StartsWith("Unhandled exception", StringComparison.Ordinal)
            ? new LoggedLine(LogLevel.Critical, default, "process", line)
            : new LoggedLine(LogLevel.Information, default, "process", line);
    }

    private static readonly System.Text.RegularExpressions.Regex ConsoleLine = new(
        @"^(?:\S+ )?(?<level>trce|dbug|info|warn|fail|crit): (?<category>[^\[\s]+)\[(?<id>-?\d+)\] ?(?<message>.*)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    internal static string? End()
    {
        var collector = Ambient.Value;
        Ambient.Value = null;

        // A task that failed with nobody awaiting it shows up when the finalizer runs (as MQTTnet's tests force).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var report = new StringBuilder();
        var unexpected = collector?.Unexpected ?? [];
        if (unexpected.Count > 0)
        {
            report.AppendLine($"{unexpected.Count} unexpected error log(s) (declare one the test provokes with TestLog.ExpectError(eventId)):");
            foreach (var e in unexpected)
            {
                report.AppendLine("  " + e);
            }
        }

        while (Stray.TryDequeue(out var stray))
        {
            if (stray.Level >= LogLevel.Error)
            {
                report.AppendLine("  error logged outside any test: " + stray);
            }
        }

        while (Unobserved.TryDequeue(out var ex))
        {
            var inner = ex.InnerException ?? ex;
            report.AppendLine($"  unobserved task exception: {inner.GetType().Name}: {inner.Message}");
        }

        return report.Length == 0 ? null : report.ToString();
    }

    internal static void Write(TestLogCollector? collector, LoggedLine entry)
    {
        if ((collector ?? Ambient.Value) is { } target)
        {
            target.Add(entry);
        }
        else
        {
            Stray.Enqueue(entry);
        }
    }
}

/// <summary>A test logger: keeps what it wrote (<see cref="Entries"/>) and writes it into its test's log.</summary>
internal class TestLogger(string category, TestLogCollector? collector) : ILogger
{
    private readonly ConcurrentQueue<LoggedLine> _mine = new();

    /// <summary>What this logger wrote.</summary>
    public IReadOnlyList<LoggedLine> Entries => [.. _mine];

    /// <summary>Its Error and Critical entries.</summary>
    public IReadOnlyList<LoggedLine> Errors => [.. _mine.Where(e => e.Level >= LogLevel.Error)];

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LoggedLine(logLevel, eventId, category, formatter(state, exception), exception);
        _mine.Enqueue(entry);
        TestLog.Write(collector, entry);
    }
}

/// <summary>A typed test logger.</summary>
internal sealed class TestLogger<T>(TestLogCollector? collector) : TestLogger(typeof(T).FullName ?? typeof(T).Name, collector), ILogger<T>;

internal sealed class TestLogProvider(TestLogCollector collector) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestLogger(categoryName, collector);

    public void Dispose()
    {
    }
}

/// <summary>Gives every test of the assembly its own <see cref="TestLogCollector"/> and fails it, at its end, on an
/// error log it did not expect or on a task exception nobody observed.</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class FailOnErrorLogsAttribute : BeforeAfterTestAttribute
{
    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest)
    {
        _ = TestLog.Current;
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest)
    {
        if (TestLog.End() is { } report)
        {
            throw new XunitException($"{methodUnderTest.DeclaringType?.Name}.{methodUnderTest.Name}: {report}");
        }
    }
}
