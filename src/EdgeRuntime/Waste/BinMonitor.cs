using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Waste;

/// <summary>
/// Pure fill-level logic for one ultrasonic bin sensor, one call per measurement cycle (a burst of pings;
/// the field units send 5 pings 60 ms apart every 10 minutes, see <see cref="PingCycleGrouper"/>).
/// No-echo (NaN), blind-zone and beyond-floor pings are rejected (DESIGN.md "Bin ultrasonic"); the rest are
/// grouped, and the surface is the median of the largest group of echoes that agree. A group is believed when
/// enough pings agree or when it lies near the last surface; otherwise (stray echoes just outside the blind zone,
/// multipath) the cycle keeps the previous fill, marked uncertain, instead of jumping. The full alarm compares a
/// filtered fill (median of the last cycles) with the level and fires once per fill cycle; it re-arms only on
/// an emptying, which needs a drop held over several cycles.
/// </summary>
internal sealed class BinMonitor
{
    private readonly BinOptions _options;

    /// <summary>Creates a monitor for one bin geometry (validated).</summary>
    public BinMonitor(BinOptions? options = null) => _options = (options ?? new BinOptions()).Validate();

    /// <summary>One measurement cycle: <paramref name="pingsMm"/> are the burst's distances (NaN = no echo).</summary>
    public BinDecision Decide(BinState state, IReadOnlyList<double> pingsMm, DateTimeOffset now)
    {
        var events = new List<GatewayEvent>(1);
        var valid = pingsMm.Where(IsValid).Order().ToArray();
        state = state with { LastCycle = now };
        if (valid.Length == 0 && IsOverflowing(state, pingsMm))
        {
            // Every ping is a blind-zone echo right after the bin read full: the surface has risen into the
            // blind zone (overflowing), which is a reading of "full", not a dead sensor.
            state = state with { InvalidStreak = 0, FillPct = 100 };
            return new(FullAlarm(state, 100, now, events), events, [Fill(state, 100, now, Quality.Uncertain)], 0);
        }

        if (valid.Length == 0)
        {
            int streak = state.InvalidStreak + 1;
            state = state with { InvalidStreak = streak };
            if (!state.Faulted && streak >= _options.FaultAfterCycles)
            {
                state = state with { Faulted = true };
                events.Add(new GatewayEvent("sensor.fault", state.BinId, Severity.Warning, now,
                    new Dictionary<string, object?> { ["kind"] = "ultrasonic", ["invalidCycles"] = streak }));
            }

            // A cycle without a valid echo keeps the last value, marked bad: never a zero (DESIGN.md).
            return new(state, events, [Fill(state, state.FillPct ?? double.NaN, now, Quality.Bad)], 0);
        }

        if (state.Faulted)
        {
            events.Add(GatewayEvent.Create("sensor.recovered", state.BinId, Severity.Info, now));
        }

        if (Surface(valid, state.FillPct) is not { } surface)
        {
            // Echoes that neither agree with each other nor with the last surface: keep the last fill, uncertain.
            state = state with { InvalidStreak = 0, Faulted = false };
            return new(state, events, [Fill(state, state.FillPct ?? double.NaN, now, Quality.Uncertain)], valid.Length);
        }

        double fill = FillFromDistance(surface);
        var recent = state.RecentFills.Skip(Math.Max(0, state.RecentFills.Count + 1 - _options.FilterCycles)).Append(fill).ToArray();
        state = state with { FillPct = fill, RecentFills = recent, InvalidStreak = 0, Faulted = false };
        state = Emptying(state, fill, now, events);
        state = FullAlarm(state, Median([.. state.RecentFills.Order()]), now, events);
        var quality = valid.Length * 2 > pingsMm.Count ? Quality.Good : Quality.Uncertain;
        return new(state, events, [Fill(state, fill, now, quality)], valid.Length);
    }

    /// <summary>The bin's status record.</summary>
    public static BinStatus Status(BinState s) =>
        new(s.BinId, s.FillPct, !s.Armed, s.Faulted, s.FullAlarms, s.Emptyings, s.LastCycle);

    /// <summary>Fill % from a surface distance, clamped 0-100 (an overflowing bin reads 100).</summary>
    public double FillFromDistance(double distanceMm) => Math.Clamp(
        (_options.EmptyDistanceMm - distanceMm) / (_options.EmptyDistanceMm - _options.FullDistanceMm) * 100, 0, 100);

    /// <summary>
    /// The surface distance of one burst: the median of the largest believable group of pings within
    /// <see cref="BinOptions.AgreeMm"/> of each other (ties: the group nearest the last fill). A group is believable
    /// when it is within <see cref="BinOptions.PlausibleJumpPts"/> of the last fill, or when at least
    /// <see cref="BinOptions.AgreeingPings"/> agree and it is not just outside the blind zone (stray echoes of the
    /// cone cluster there: within <see cref="BinOptions.StrayMarginMm"/> of it). Null when no group is believable.
    /// </summary>
    private double? Surface(double[] sorted, double? lastFill)
    {
        double? best = null;
        int bestCount = 0;
        double bestDistance = double.MaxValue;
        for (int i = 0; i < sorted.Length; i++)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] - sorted[i] <= _options.AgreeMm)
            {
                j++;
            }

            double median = Median(sorted[i..(j + 1)]);
            int count = j - i + 1;
            double distance = lastFill is { } lf ? Math.Abs(FillFromDistance(median) - lf) : 0;
            bool nearLast = lastFill is null || distance <= _options.PlausibleJumpPts;
            bool agreed = count >= _options.AgreeingPings && median > _options.BlindZoneMm + _options.StrayMarginMm;
            if ((nearLast || agreed) && (count > bestCount || (count == bestCount && distance < bestDistance)))
            {
                (best, bestCount, bestDistance) = (median, count, distance);
            }
        }

        return best;
    }

    private bool IsOverflowing(BinState s, IReadOnlyList<double> pingsMm) =>
        s.FillPct >= _options.FullLevelPct && pingsMm.Count > 0
        && pingsMm.All(mm => double.IsFinite(mm) && mm < _options.BlindZoneMm);

    private bool IsValid(double mm) =>
        double.IsFinite(mm) && mm >= _options.BlindZoneMm && mm <= _options.EmptyDistanceMm + _options.BeyondFloorToleranceMm;

    private BinState Emptying(BinState s, double fill, DateTimeOffset now, List<GatewayEvent> events)
    {
        bool looksEmptied = fill < _options.EmptiedBelowPct && s.PeakPct - fill >= _options.EmptiedDropPts;
        if (!looksEmptied)
        {
            return s with { EmptiedStreak = 0, PeakPct = Math.Max(s.PeakPct, fill) };
        }

        int streak = s.EmptiedStreak + 1;
        if (streak < _options.EmptiedConfirmCycles)
        {
            return s with { EmptiedStreak = streak };
        }

        events.Add(new GatewayEvent("bin.emptied", s.BinId, Severity.Info, now, new Dictionary<string, object?>
        {
            ["fillPct"] = Math.Round(fill, 1), ["peakPct"] = Math.Round(s.PeakPct, 1),
        }));
        return s with { EmptiedStreak = 0, PeakPct = fill, Armed = true, FullStreak = 0, Emptyings = s.Emptyings + 1 };
    }

    private BinState FullAlarm(BinState s, double fill, DateTimeOffset now, List<GatewayEvent> events)
    {
        int streak = fill >= _options.FullLevelPct ? s.FullStreak + 1 : 0;
        if (!s.Armed || streak < _options.FullConfirmCycles)
        {
            return s with { FullStreak = streak };
        }

        events.Add(new GatewayEvent("bin.full", s.BinId, Severity.Warning, now, new Dictionary<string, object?>
        {
            ["fillPct"] = Math.Round(fill, 1), ["levelPct"] = _options.FullLevelPct,
        }));
        return s with { FullStreak = streak, Armed = false, FullAlarms = s.FullAlarms + 1 };
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1
        ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static Reading Fill(BinState s, double fill, DateTimeOffset now, Quality q) =>
        new($"{s.BinId}.fill", now, Math.Round(fill, 1), q);
}
