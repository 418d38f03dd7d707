namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Pure detector of a neighbouring bay's car: the field of a per-axis running median (7 samples: bad pings and
/// passing cars' spikes out, step edges kept) is either settled at a level or moving; a move ends when the field
/// has been quiet for <see cref="SettleSamples"/> samples. A move of 1.2-5 µT with no raw sample part-way along it
/// (a one-sample step), not within 40 s of another move, is a neighbour's car coming or going; a manoeuvre over
/// the sensor passes through intermediate fields for seconds and in stages.
/// </summary>
internal static class NeighbourStep
{
    /// <summary>Samples in the running median.</summary>
    public const int MedianSamples = 7;

    /// <summary>Quiet samples that end a move.</summary>
    public const int SettleSamples = 7;

    private const double QuietUt = 0.8;
    private const double StepMinUt = 1.2;
    private const double StepMaxUt = 5.0;
    private const int MaxMoveSamples = 90;
    private static readonly TimeSpan Confirm = TimeSpan.FromSeconds(40);

    /// <summary>
    /// One usable sample; returns the next state, the step to move the baseline by if a neighbour's, and the
    /// settled levels before and after a move that ended now and was not a neighbour's (a manoeuvre).
    /// </summary>
    public static (NeighbourState State, Vec3? Step, (Vec3 From, Vec3 To)? Manoeuvre) Next(NeighbourState s, Vec3 v, DateTimeOffset now, bool restart)
    {
        Vec3[] recent = Append(restart ? [] : s.Recent, v, MedianSamples);
        var f = Median(recent);
        if (restart || s.Level is not { } level)
        {
            return (new NeighbourState(recent, f, [], [], s.LastMoveAt), null, null);
        }

        if (s.Moving.Count == 0)
        {
            if ((f - level).Magnitude <= QuietUt)
            {
                // Settled: the level follows the field slowly (drift).
                return (s with { Recent = recent, Level = level + (0.02 * (f - level)) }, null, null);
            }

            return (s with { Recent = recent, Moving = [f], MoveRaw = s.Recent.Append(v).ToArray() }, null, null);
        }

        var moving = Append(s.Moving, f, MaxMoveSamples);
        var raw = Append(s.MoveRaw, v, MaxMoveSamples + MedianSamples);
        s = s with { Recent = recent, Moving = moving, MoveRaw = raw };
        if (moving.Length < SettleSamples && moving.Length < MaxMoveSamples)
        {
            return (s, null, null);
        }

        var tail = moving[^Math.Min(SettleSamples, moving.Length)..];
        var settled = Median(tail);
        if (moving.Length < MaxMoveSamples && tail.Any(x => (x - settled).Magnitude > QuietUt))
        {
            return (s, null, null);
        }

        var change = settled - level;
        bool recentMove = s.LastMoveAt is { } last && now - last <= Confirm;
        bool neighbour = change.Magnitude is >= StepMinUt and <= StepMaxUt && Intermediate(raw, level, settled) == 0 && !recentMove;
        bool manoeuvre = change.Magnitude >= StepMinUt && !neighbour;
        var next = new NeighbourState(recent, settled, [], [], manoeuvre ? now : s.LastMoveAt);
        return (next, neighbour ? change : null, manoeuvre ? (level, settled) : null);
    }

    /// <summary>Raw samples a quarter to three quarters along the move and near its line (not a spike off it).</summary>
    private static int Intermediate(IReadOnlyList<Vec3> raw, Vec3 from, Vec3 to)
    {
        var d = to - from;
        double len2 = Dot(d, d);
        int count = 0;
        foreach (var r in raw)
        {
            var p = r - from;
            double t = Dot(p, d) / len2;
            if (t is > 0.25 and < 0.75 && (p - (t * d)).Magnitude < 0.5 * Math.Sqrt(len2))
            {
                count++;
            }
        }

        return count;
    }

    private static double Dot(Vec3 a, Vec3 b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    private static T[] Append<T>(IReadOnlyList<T> items, T item, int keep) =>
        [.. items.Skip(Math.Max(0, items.Count + 1 - keep)), item];

    private static Vec3 Median(IReadOnlyList<Vec3> samples)
    {
        var xs = samples.Select(p => p.X).Order().ToArray();
        var ys = samples.Select(p => p.Y).Order().ToArray();
        var zs = samples.Select(p => p.Z).Order().ToArray();
        return new Vec3(MedianOf(xs), MedianOf(ys), MedianOf(zs));
    }

    private static double MedianOf(double[] sorted)
    {
        int h = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }
}

/// <summary>State of <see cref="NeighbourStep"/>.</summary>
/// <param name="Recent">The last raw samples (the running median's window).</param>
/// <param name="Level">The settled filtered level; null before the first sample.</param>
/// <param name="Moving">Filtered samples since the field left its level; empty when settled.</param>
/// <param name="MoveRaw">Raw samples from just before the move until now.</param>
/// <param name="LastMoveAt">When the last move that was not a neighbour ended.</param>
internal sealed record NeighbourState(
    IReadOnlyList<Vec3> Recent, Vec3? Level, IReadOnlyList<Vec3> Moving, IReadOnlyList<Vec3> MoveRaw, DateTimeOffset? LastMoveAt)
{
    /// <summary>No samples yet.</summary>
    public static NeighbourState Empty { get; } = new([], null, [], [], null);
}
