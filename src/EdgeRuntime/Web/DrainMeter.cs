namespace EdgeGateway.Runtime.Web;

/// <summary>The backlog's drain as the page shows it: records left, the peak of this backlog (for a progress bar),
/// the rate the broker acknowledges them over the last minute and an estimate of the time left.</summary>
internal sealed class DrainMeter
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, long Published)> _samples = new();
    private int _peak;

    /// <summary>One observation of the backlog and the uplink's acknowledged count; returns the drain now.</summary>
    public DrainStatus Observe(DateTimeOffset now, int backlog, long published)
    {
        lock (_gate)
        {
            _peak = backlog == 0 ? 0 : Math.Max(_peak, backlog);
            _samples.Enqueue((now, published));
            while (_samples.Count > 1 && now - _samples.Peek().At > RateWindow)
            {
                _samples.Dequeue();
            }

            var (at, first) = _samples.Peek();
            double seconds = (now - at).TotalSeconds;
            double? rate = seconds >= 1 ? Math.Max(0, published - first) / seconds : null;
            double? eta = backlog == 0 ? 0 : rate is > 0 ? backlog / rate.Value : null;
            double progress = _peak == 0 ? 1 : 1 - ((double)backlog / _peak);
            return new DrainStatus(backlog, _peak, rate is { } r ? Math.Round(r, 2) : null, eta is { } e ? Math.Round(e) : null, Math.Round(progress, 3));
        }
    }
}

/// <summary>The drain now.</summary>
/// <param name="Left">Records not yet acknowledged.</param>
/// <param name="Peak">The largest backlog since it was last empty.</param>
/// <param name="RatePerS">Records acknowledged per second over the last minute; null until a second has passed.</param>
/// <param name="EtaS">Seconds left at that rate; null when nothing drains.</param>
/// <param name="Progress">0-1: how much of the peak is delivered.</param>
internal sealed record DrainStatus(int Left, int Peak, double? RatePerS, double? EtaS, double Progress);
