using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>
/// A loop that runs <see cref="TickAsync"/> at a fixed period of the injected <see cref="TimeProvider"/> (so tests
/// and the virtual cabinet's scaled clock drive it). A tick that throws is logged and the loop goes on: one bad
/// sample must not stop the street's lighting or the cabinet's alarms. Cancellation is silent.
/// </summary>
internal abstract partial class PeriodicService : BackgroundService
{
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private long _ticks;

    /// <summary>Creates the loop.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="period">Time between ticks.</param>
    /// <param name="logger">Where a failing tick is reported.</param>
    /// <param name="tickAtStart">Tick once immediately, before the first period has passed.</param>
    protected PeriodicService(TimeProvider time, TimeSpan period, ILogger logger, bool tickAtStart = true)
    {
        Time = time;
        _period = period;
        _logger = logger;
        TickAtStart = tickAtStart;
    }

    /// <summary>The clock.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Ticks finished so far (a tick that threw counts: the loop goes on); the watchdog's progress counter.</summary>
    public long TicksDone => Interlocked.Read(ref _ticks);

    /// <summary>Time between ticks.</summary>
    public TimeSpan TickPeriod => _period;

    /// <summary>The loop's name in the watchdog's STATUS line and log.</summary>
    public virtual string LoopName => GetType().Name;

    private bool TickAtStart { get; }

    private long _lastTickUtcTicks;

    /// <summary>When the last tick started (null before the first), for <c>/healthz</c>.</summary>
    public DateTimeOffset? LastTick => Interlocked.Read(ref _lastTickUtcTicks) is var t && t > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>One period's work at <paramref name="now"/>.</summary>
    protected virtual Task TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        Tick(now);
        return Task.CompletedTask;
    }

    /// <summary>One period's work at <paramref name="now"/>, for loops with nothing to await.</summary>
    protected virtual void Tick(DateTimeOffset now)
    {
    }

    /// <inheritdoc />
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_period, Time);
        try
        {
            if (TickAtStart)
            {
                await SafeTickAsync(stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SafeTickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task SafeTickAsync(CancellationToken stoppingToken)
    {
        var now = Time.GetUtcNow();
        Interlocked.Exchange(ref _lastTickUtcTicks, now.UtcTicks);
        try
        {
            await TickAsync(now, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTickFailed(_logger, GetType().Name, ex);
        }
        finally
        {
            Interlocked.Increment(ref _ticks);
        }
    }

    [LoggerMessage(1000, LogLevel.Error, "{Service}: a tick failed; the loop goes on")]
    private static partial void LogTickFailed(ILogger logger, string service, Exception exception);
}
