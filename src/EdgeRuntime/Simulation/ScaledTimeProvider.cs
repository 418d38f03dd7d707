namespace EdgeGateway.Runtime.Simulation;

/// <summary>
/// Virtual time for demos of the virtual cabinet: starts at a chosen instant and runs <c>scale</c> times
/// faster than <paramref name="inner"/>. Every loop that takes its time from DI runs in this time.
/// </summary>
internal sealed class ScaledTimeProvider(TimeProvider inner, DateTimeOffset start, double scale) : TimeProvider
{
    private readonly long _origin = inner.GetTimestamp();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => start + (inner.GetElapsedTime(_origin) * scale);

    /// <inheritdoc />
    public override long GetTimestamp() => _origin + (long)((inner.GetTimestamp() - _origin) * scale);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(inner.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    private TimeSpan Shrink(TimeSpan t) => t == Timeout.InfiniteTimeSpan ? t : t / scale;

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Shrink(dueTime), owner.Shrink(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
