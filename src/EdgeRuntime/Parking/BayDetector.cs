using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Pure vehicle detection for one magnetometer bay sensor: <c>Decide(state, sample, now) -> (state, outputs)</c>.
/// An adaptive per-axis baseline (slow EMA, frozen while occupied or while a candidate car is above the weak
/// entry level) is subtracted from each sample; the fast-filtered deviation's magnitude drives a state machine
/// with hysteresis (two entry levels above one exit level) and time-based, leaky debounce. Beside it,
/// <see cref="NeighbourStep"/> segments the median-filtered field into settled levels and moves: a one-sample
/// step of a few µT is a neighbouring bay's car and moves the baseline at once (its evidence dropped); a
/// manoeuvre that ends near the empty bay (the baseline now or at the stay's start) and far from where the
/// parked car's field was is a departure even when drift keeps the field above the exit level.
/// </summary>
internal sealed class BayDetector
{
    private readonly BayOptions _options;

    /// <summary>Creates a detector with the given tuning (validated).</summary>
    public BayDetector(BayOptions? options = null) => _options = (options ?? new BayOptions()).Validate();

    /// <summary>One step. Unusable samples never change the decision; a long absence raises one fault.</summary>
    public BayDecision Decide(BayState state, MagSample sample, DateTimeOffset now)
    {
        var events = new List<GatewayEvent>(1);
        state = Account(state, now);
        if (!sample.IsUsable)
        {
            var silentSince = state.LastUsable ?? state.LastCall ?? now;
            if (!state.Faulted && now - silentSince >= _options.FaultAfter)
            {
                state = state with { Faulted = true };
                events.Add(SensorEvent("sensor.fault", Severity.Warning, state, now, silentSince));
            }

            return Output(state with { LastCall = now }, events, now);
        }

        if (state.Faulted)
        {
            events.Add(SensorEvent("sensor.recovered", Severity.Info, state, now, state.LastUsable ?? now));
            state = state with { Faulted = false };
        }

        var v = sample.Vector;
        if (state.Baseline is not { } baseline)
        {
            // First usable sample: assume the bay is empty at start-up (an installer calibrates if not).
            return Output(state with { Baseline = v, LastUsable = now, LastCall = now, Neighbour = NeighbourStep.Next(NeighbourState.Empty, v, now, true).State }, events, now);
        }

        var gap = now - (state.LastUsable ?? now);
        double dt = Math.Clamp(gap.TotalSeconds, 0, _options.MaxGap.TotalSeconds);
        var (neighbour, shift, manoeuvre) = NeighbourStep.Next(state.Neighbour, v, now, gap > _options.MaxGap);
        state = state with { Neighbour = neighbour };
        if (shift is { } step)
        {
            // A neighbour's car came or went: the empty bay reads shifted by the step from now on, and what
            // evidence the step itself gathered (entry while vacant, exit while occupied) is not a car's.
            baseline += step;
            state = state with { Baseline = baseline, Deviation = state.Deviation - step, StrongEvidence = 0, WeakEvidence = 0, ExitEvidence = 0 };
        }

        double aFast = 1 - Math.Exp(-dt / _options.FastTau.TotalSeconds);
        var dev = state.Deviation + (aFast * ((v - baseline) - state.Deviation));
        double m = dev.Magnitude;
        state = state with { Deviation = dev, LastUsable = now, LastCall = now };
        if (state.Occupied && manoeuvre is { } move && Left(state, move.From, move.To))
        {
            // A manoeuvre ended nearer the empty bay than the parked car, within the strong level of it: the car
            // left, even if drift or a hidden neighbour step keeps the field above the exit level. The empty bay
            // is what the field reads now.
            events.Add(Vacant(state, now, "departure"));
            return Output(Depart(state, now) with { Baseline = move.To, Deviation = Vec3.Zero }, events, now);
        }

        return state.Occupied ? WhileOccupied(state, m, dt, now, events) : WhileVacant(state, v, m, dt, now, events);
    }

    /// <summary>Installer's "this bay is empty now": the baseline becomes the current field.</summary>
    public BayDecision Calibrate(BayState state, MagSample sample, DateTimeOffset now)
    {
        if (!sample.IsUsable)
        {
            throw new ArgumentException($"Bay {state.BayId}: cannot calibrate on an unusable sample ({sample}).", nameof(sample));
        }

        var events = new List<GatewayEvent>(1);
        state = Account(state, now);
        if (state.Occupied)
        {
            events.Add(Vacant(state, now, "calibrate"));
            state = Depart(state, now);
        }

        state = state with
        {
            Baseline = sample.Vector, Deviation = Vec3.Zero, StrongEvidence = 0, WeakEvidence = 0,
            ExitEvidence = 0, LastUsable = now, LastCall = now, Faulted = false,
        };
        return Output(state, events, now);
    }

    /// <summary>The bay's status record.</summary>
    public static BayStatus Status(BayState s) => new(
        s.BayId, s.Occupied, s.Faulted, s.Deviation.Magnitude, s.Baseline is not null, s.Statistics.Arrivals,
        s.Statistics.OccupancyRatio, s.Statistics.MeanDwell, s.LastUsable);

    private BayDecision WhileVacant(BayState s, Vec3 v, double m, double dt, DateTimeOffset now, List<GatewayEvent> events)
    {
        double strong = Evidence(s.StrongEvidence, m >= _options.EnterStrongUt, dt);
        double weak = Evidence(s.WeakEvidence, m >= _options.EnterWeakUt, dt);
        if (strong >= _options.EnterStrongFor.TotalSeconds || weak >= _options.EnterWeakFor.TotalSeconds)
        {
            var stats = s.Statistics with { Arrivals = s.Statistics.Arrivals + 1 };
            s = s with { Occupied = true, OccupiedSince = now, ArrivalBaseline = s.Baseline, StrongEvidence = 0, WeakEvidence = 0, ExitEvidence = 0, Statistics = stats };
            events.Add(Event("parking.occupied", s, now, new() { ["deviationUt"] = Math.Round(m, 2) }));
            return Output(s, events, now);
        }

        if (m < _options.EnterWeakUt)
        {
            // Below the weak entry level the field is "empty bay": the slow EMA follows temperature drift and
            // absorbs a neighbour's small sustained shift. Above it the baseline holds, so a slowly settling
            // car is not learned away before the debounce completes.
            double aBase = 1 - Math.Exp(-dt / _options.BaselineTau.TotalSeconds);
            var baseline = s.Baseline!.Value;
            var step = aBase * (v - baseline);
            s = s with { Baseline = baseline + step, Deviation = s.Deviation - step };
        }

        return Output(s with { StrongEvidence = strong, WeakEvidence = weak }, events, now);
    }

    private BayDecision WhileOccupied(BayState s, double m, double dt, DateTimeOffset now, List<GatewayEvent> events)
    {
        // Neighbour steps seen during the stay moved the baseline; a step the parked car's field hid would leave it
        // wrong, so the empty bay is also looked for at the baseline the stay began with.
        var atArrival = s.ArrivalBaseline ?? s.Baseline!.Value;
        double mArrival = (s.Deviation + s.Baseline!.Value - atArrival).Magnitude;
        double exit = Evidence(s.ExitEvidence, Math.Min(m, mArrival) < _options.ExitUt, dt);
        if (exit < _options.ExitFor.TotalSeconds)
        {
            return Output(s with { ExitEvidence = exit }, events, now);
        }

        events.Add(Vacant(s, now, "departure"));
        var left = Depart(s, now);
        return Output(mArrival < m ? left with { Baseline = atArrival, Deviation = s.Deviation + s.Baseline!.Value - atArrival } : left, events, now);
    }

    private bool Left(BayState s, Vec3 from, Vec3 to)
    {
        var empty = (to - s.Baseline!.Value).Magnitude <= (to - (s.ArrivalBaseline ?? s.Baseline!.Value)).Magnitude
            ? s.Baseline!.Value : s.ArrivalBaseline!.Value;
        double toEmpty = (to - empty).Magnitude;
        return toEmpty < _options.EnterStrongUt && toEmpty < 0.35 * (from - empty).Magnitude;
    }

    private double Evidence(double previous, bool above, double dt) =>
        Math.Max(0, previous + (above ? dt : -_options.EvidenceDecay * dt));

    private static BayState Depart(BayState s, DateTimeOffset now)
    {
        var dwell = now - (s.OccupiedSince ?? now);
        var stats = s.Statistics with
        {
            Departures = s.Statistics.Departures + 1, DwellTotal = s.Statistics.DwellTotal + dwell,
        };
        return s with { Occupied = false, OccupiedSince = null, ExitEvidence = 0, StrongEvidence = 0, WeakEvidence = 0, Statistics = stats };
    }

    private static BayState Account(BayState s, DateTimeOffset now)
    {
        if (s.LastCall is not { } last || now <= last || s.Faulted)
        {
            return s;
        }

        var dt = now - last;
        var st = s.Statistics;
        return s with
        {
            Statistics = st with
            {
                ObservedTime = st.ObservedTime + dt,
                OccupiedTime = s.Occupied ? st.OccupiedTime + dt : st.OccupiedTime,
            },
        };
    }

    private static GatewayEvent Vacant(BayState s, DateTimeOffset now, string cause) => Event(
        "parking.vacant", s, now, new()
        {
            ["dwellS"] = Math.Round((now - (s.OccupiedSince ?? now)).TotalSeconds), ["cause"] = cause,
        });

    private static GatewayEvent SensorEvent(string type, Severity severity, BayState s, DateTimeOffset now, DateTimeOffset since) =>
        new(type, s.BayId, severity, now, new Dictionary<string, object?>
        {
            ["kind"] = "magnetometer", ["lastGood"] = since.ToString("O"),
        });

    private static GatewayEvent Event(string type, BayState s, DateTimeOffset now, Dictionary<string, object?> data) =>
        new(type, s.BayId, Severity.Info, now, data);

    private static BayDecision Output(BayState s, List<GatewayEvent> events, DateTimeOffset now) =>
        new(s, events, [new Reading($"{s.BayId}.occupied", now, s.Occupied ? 1 : 0, s.Faulted ? Quality.Bad : Quality.Good)]);
}
