namespace EdgeGateway.Sync.Uplink;

/// <summary>
/// When the uplink tries again, as a pure piece on a <see cref="TimeProvider"/>. After the n-th failure it waits
/// <c>ReconnectDelay·2ⁿ</c> up to <c>MaxReconnectDelay</c>, spread by jitter and never shorter than ReconnectDelay.
/// A long wait after a network failure is cut short by a cheap probe (a TCP connect to the broker's port, no MQTT)
/// every <c>ProbeInterval</c> ± 50 %: a broker that comes back is noticed within about one probe interval instead
/// of a 60 s back-off, and because each gateway's probes are jittered, a fleet that lost the same broker comes
/// back spread over the interval rather than in one stampede. A broker that answered and said no (a reason code,
/// a refused TLS handshake) is not probed: its port is open, only the full back-off helps.
/// </summary>
public sealed class ReconnectSchedule
{
    private readonly MqttBrokerOptions _options;
    private readonly Func<double> _random;

    /// <summary>Creates the schedule of <paramref name="options"/>' ReconnectDelay, MaxReconnectDelay and ProbeInterval;
    /// <paramref name="random"/> returns [0, 1) (tests fix it).</summary>
    public ReconnectSchedule(MqttBrokerOptions options, Func<double>? random = null)
    {
        _options = options;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>The wait after failure number <paramref name="attempt"/> + 1 (0 for the first).</summary>
    public TimeSpan Backoff(int attempt)
    {
        double first = _options.ReconnectDelay.TotalMilliseconds;
        double max = Math.Max(first, _options.MaxReconnectDelay.TotalMilliseconds);
        double delay = Math.Min(first * Math.Pow(2, Math.Clamp(attempt, 0, 30)), max);
        double low = Math.Max(first, Math.Min(delay, max * 0.8));
        double high = Math.Max(low, Math.Min(delay * 1.25, max));
        return TimeSpan.FromMilliseconds(low + (_random() * (high - low)));
    }

    /// <summary>The gap before the next probe: ProbeInterval ± 50 %.</summary>
    public TimeSpan ProbeGap() => _options.ProbeInterval * (0.5 + _random());

    /// <summary>Waits <paramref name="delay"/> on <paramref name="time"/>; with a <paramref name="probe"/>, looks every
    /// <see cref="ProbeGap"/> and returns early (true) as soon as it answers. False when the whole delay passed.</summary>
    public async Task<bool> WaitAsync(TimeSpan delay, Func<CancellationToken, Task<bool>>? probe, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + delay;
        while (true)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var gap = probe is null ? left : ProbeGap();
            if (gap >= left)
            {
                await Task.Delay(left, time, cancellationToken);
                return false;
            }

            await Task.Delay(gap, time, cancellationToken);
            if (await probe!(cancellationToken))
            {
                return true;
            }
        }
    }
}
