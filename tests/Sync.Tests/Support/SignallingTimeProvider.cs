using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Sync.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer the code under test creates (Task.Delay on a
/// TimeProvider, Polly's retry delay), so a test can wait until the code is really waiting before it
/// advances time, instead of sleeping.
/// </summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public SignallingTimeProvider()
        : base(Origin)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for the next timer whose due time matches <paramref name="match"/>; returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool>? match = null)
    {
        using var cts = new CancellationTokenSource(Waits.Timeout);
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(cts.Token);
            if (match is null || match(due))
            {
                return due;
            }
        }
    }
}
