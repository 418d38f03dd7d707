namespace EdgeGateway.Runtime.Replay;

/// <summary>
/// The replay's virtual clock: it stands still until the replay moves it to the next trace row. Kept in the
/// product rather than taking FakeTimeProvider from a testing package into the shipped binary. The replay
/// drives the loops' step methods itself, so no timers are needed.
/// </summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="now"/>; it never goes back.</summary>
    public void Set(DateTimeOffset now)
    {
        if (now < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(now), $"Virtual time cannot go back from {_now:O} to {now:O}.");
        }

        _now = now;
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("The replay steps its loops directly; nothing may wait on its clock.");
}
