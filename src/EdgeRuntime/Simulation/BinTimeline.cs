namespace EdgeGateway.Runtime.Simulation;

/// <summary>One bin's fill: a per-day fill rate (more by day), emptied at the collection round when over 50 %.</summary>
internal sealed class BinTimeline
{
    private readonly Random _random;
    private readonly FieldWorldOptions _options;
    private readonly DateTimeOffset _start;
    private readonly List<double> _ratePctPerHour = [];
    private readonly Lock _lock = new();

    public BinTimeline(Random random, DateTimeOffset start, FieldWorldOptions options)
    {
        _random = random;
        _options = options;
        _start = start;
        InitialFillPct = 5 + (20 * random.NextDouble());
    }

    // An overflowing bin heaps up to ~105 % before the lid stops it (bin-01's truth peaks at 115 % of a shorter rim).
    private const double MaxFillPct = 105;

    public double InitialFillPct { get; }

    /// <summary>Fill at <paramref name="t"/>, %, integrating hour by hour from the start (cheap: days, not seconds).</summary>
    public double FillAt(DateTimeOffset t)
    {
        if (t <= _start)
        {
            return InitialFillPct;
        }

        double fill = InitialFillPct;
        var hour = _start;
        while (hour.AddHours(1) <= t)
        {
            fill = Step(fill, hour, 1);
            hour = hour.AddHours(1);
            if (hour.Hour == _options.CollectionHourUtc && hour.Minute == 0 && fill > 50)
            {
                fill = 1 + (2 * Rate(hour)); // what the crew leaves stuck in the bottom
            }
        }

        return Math.Min(Step(fill, hour, (t - hour).TotalHours), MaxFillPct);
    }

    private double Step(double fill, DateTimeOffset hour, double hours)
    {
        // People throw more in by day (07-22 local-ish) than at night.
        double daytime = hour.Hour is >= 6 and < 21 ? 1.6 : 0.3;
        return Math.Min(fill + (Rate(hour) * daytime * hours), MaxFillPct);
    }

    private double Rate(DateTimeOffset hour)
    {
        int day = (int)(hour - _start).TotalDays;
        lock (_lock)
        {
            while (_ratePctPerHour.Count <= day)
            {
                _ratePctPerHour.Add(1 + (2.5 * _random.NextDouble()));
            }

            return _ratePctPerHour[day];
        }
    }
}
