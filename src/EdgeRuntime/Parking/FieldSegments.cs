namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Reads a bay's field as settled levels and moves. The per-axis running median of
/// <see cref="BayOptions.MedianSamples"/> raw samples (1-3 s passing-car spikes and bad pings out, step edges kept)
/// is settled while within <see cref="BayOptions.QuietUt"/> of its level (the level follows it slowly: drift); it
/// leaves the level for a move, which ends when <see cref="BayOptions.SettleSamples"/> filtered samples agree.
/// Pure: every call returns a new state.
/// </summary>
internal static class FieldSegments
{
    private const double LevelFollow = 0.02;

    /// <summary>
    /// One usable sample. Returns the next state, the filtered field, how the level followed a settled field
    /// (zero while moving), and the move that ended now (null if none).
    /// </summary>
    public static (SegmentState State, Vec3 Filtered, Vec3 Drift, SettledMove? Ended) Next(SegmentState s, Vec3 v, DateTimeOffset now, bool restart, BayOptions o)
    {
        Vec3[] recent = Append(restart ? [] : s.Recent, v, o.MedianSamples);
        var f = Median(recent);
        if (s.Level is not { } level)
        {
            return (new SegmentState(recent, f, null), f, Vec3.Zero, null);
        }

        if (s.Move is not { } move)
        {
            if ((f - level).Magnitude <= o.QuietUt)
            {
                var drift = LevelFollow * (f - level);
                return (s with { Recent = recent, Level = level + drift }, f, drift, null);
            }

            var started = new MoveState(now, level, [f], recent, 0, 0);
            return (s with { Recent = recent, Move = started }, f, Vec3.Zero, null);
        }

        bool middle = (f - move.From).Magnitude > o.QuietUt && (f - move.Filtered[^1]).Magnitude > o.QuietUt;
        move = move with
        {
            Filtered = Append(move.Filtered, f, o.MaxMoveSamples),
            Raw = Append(move.Raw, v, o.MaxMoveSamples + o.MedianSamples),
            Middle = move.Middle + (middle ? 1 : 0),
        };
        s = s with { Recent = recent, Move = move };
        var fs = move.Filtered;
        if (fs.Count < o.SettleSamples)
        {
            return (s, f, Vec3.Zero, null);
        }

        var tail = fs.Skip(fs.Count - o.SettleSamples).ToArray();
        var settled = Median(tail);
        if (fs.Count < o.MaxMoveSamples && tail.Any(x => (x - settled).Magnitude > o.QuietUt))
        {
            return (s, f, Vec3.Zero, null);
        }

        var ended = new SettledMove(move.Start, move.From, settled, Intermediate(move.Raw, move.From, settled));
        return (new SegmentState(recent, settled, null), f, Vec3.Zero, ended);
    }

    /// <summary>The state after an installer's calibration: settled at the sample.</summary>
    public static SegmentState Settled(Vec3 v) => new([v], v, null);

    /// <summary>Raw samples a quarter to three quarters along the move and near its line (not a spike off it).</summary>
    public static int Intermediate(IReadOnlyList<Vec3> raw, Vec3 from, Vec3 to)
    {
        var d = to - from;
        double len2 = Vec3.Dot(d, d);
        if (len2 <= 0)
        {
            return 0;
        }

        int count = 0;
        foreach (var r in raw)
        {
            var p = r - from;
            double t = Vec3.Dot(p, d) / len2;
            if (t is > 0.25 and < 0.75 && (p - (t * d)).Magnitude < 0.5 * Math.Sqrt(len2))
            {
                count++;
            }
        }

        return count;
    }

    private static T[] Append<T>(IReadOnlyList<T> items, T item, int keep)
    {
        int skip = Math.Max(0, items.Count + 1 - keep);
        var result = new T[items.Count - skip + 1];
        for (int i = skip; i < items.Count; i++)
        {
            result[i - skip] = items[i];
        }

        result[^1] = item;
        return result;
    }

    private static Vec3 Median(IReadOnlyList<Vec3> samples)
    {
        int n = samples.Count;
        Span<double> xs = stackalloc double[n], ys = stackalloc double[n], zs = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            (xs[i], ys[i], zs[i]) = (samples[i].X, samples[i].Y, samples[i].Z);
        }

        return new Vec3(MedianOf(xs), MedianOf(ys), MedianOf(zs));
    }

    private static double MedianOf(Span<double> values)
    {
        values.Sort();
        int h = values.Length / 2;
        return values.Length % 2 == 1 ? values[h] : (values[h - 1] + values[h]) / 2;
    }
}

/// <summary>State of <see cref="FieldSegments"/>.</summary>
/// <param name="Recent">The last raw samples (the running median's window).</param>
/// <param name="Level">The settled filtered level; null before the first sample.</param>
/// <param name="Move">The move under way; null while settled.</param>
internal sealed record SegmentState(IReadOnlyList<Vec3> Recent, Vec3? Level, MoveState? Move)
{
    /// <summary>No samples yet.</summary>
    public static SegmentState Empty { get; } = new([], null, null);
}

/// <summary>A move under way.</summary>
/// <param name="Start">When the filtered field left its level.</param>
/// <param name="From">The level it left.</param>
/// <param name="Filtered">Filtered samples since.</param>
/// <param name="Raw">Raw samples from the median window before the move until now.</param>
/// <param name="Middle">Filtered samples away from both the old level and the previous sample (a ramp, not a jump).</param>
/// <param name="NearEmpty">Consecutive filtered samples near the empty bay (the detector's count, for back-to-back cars).</param>
internal sealed record MoveState(DateTimeOffset Start, Vec3 From, IReadOnlyList<Vec3> Filtered, IReadOnlyList<Vec3> Raw, int Middle, int NearEmpty);

/// <summary>A move that ended: from one settled level to another.</summary>
/// <param name="Start">When it began.</param>
/// <param name="From">The level before.</param>
/// <param name="To">The level after.</param>
/// <param name="Intermediate">Raw samples part-way along it (0-1 for a one-sample step; a car's ramps give more).</param>
internal sealed record SettledMove(DateTimeOffset Start, Vec3 From, Vec3 To, int Intermediate)
{
    /// <summary>The change.</summary>
    public Vec3 Change => To - From;
}
