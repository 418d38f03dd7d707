namespace EdgeGateway.Runtime.Waste;

/// <summary>
/// Groups a stream of timestamped pings into measurement cycles. A field unit fires a burst (5 pings 60 ms
/// apart in bin-01.csv) every cycle (10 minutes there): pings closer than <c>maxGap</c> to the previous one
/// belong to the same cycle. The cycle is stamped with its first ping's time.
/// </summary>
internal static class PingCycleGrouper
{
    /// <summary>The default gap that splits cycles: far above a burst's spacing, far below a cycle period.</summary>
    public static TimeSpan DefaultMaxGap { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Groups pings (ordered by time) into (cycle start, distances) bursts.</summary>
    public static IEnumerable<(DateTimeOffset Start, IReadOnlyList<double> PingsMm)> Group(
        IEnumerable<(DateTimeOffset Ts, double Mm)> pings, TimeSpan? maxGap = null)
    {
        var gap = maxGap ?? DefaultMaxGap;
        DateTimeOffset? start = null, last = null;
        var burst = new List<double>();
        foreach (var (ts, mm) in pings)
        {
            if (last is { } l && ts < l)
            {
                throw new ArgumentException($"Pings must be in time order: {ts:O} follows {l:O}.", nameof(pings));
            }

            if (last is { } prev && ts - prev > gap)
            {
                yield return (start!.Value, burst);
                burst = [];
                start = null;
            }

            start ??= ts;
            burst.Add(mm);
            last = ts;
        }

        if (start is { } s)
        {
            yield return (s, burst);
        }
    }
}
