using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Pure vehicle detection for one magnetometer bay sensor: <c>Decide(state, sample, now) -> (state, outputs)</c>.
/// The field is read as settled levels and moves (<see cref="FieldSegments"/>: a running median removes passing
/// cars' spikes and bad pings), and the empty bay's field (the baseline) is explained as it changes:
/// <list type="bullet">
/// <item>settled: the baseline follows drift (while occupied too, so the car's own field stays what it was);</item>
/// <item>a one-sample step of 1-5 µT, alone or along a direction this bay has seen repeat (its neighbour), is a
/// neighbouring car: the baseline moves by it. Once the bay knows its neighbour, a step in another direction that
/// leaves the field above the entry level is a car;</item>
/// <item>any other move is a manoeuvre: it is an arrival when it settles at least <see cref="BayOptions.EnterWeakUt"/>
/// from the empty bay, a departure when it settles within <see cref="BayOptions.ExitUt"/> of it (or within a
/// fraction of the car's field, or where the car's field minus a known neighbour step leaves it). Moves less
/// than 20 s apart are one manoeuvre (a car's stages): a step inside one is not a neighbour, and the stages of a
/// departure cannot make an arrival;</item>
/// <item>a car leaving while the next one arrives (back to back) is a departure when the filtered field passes
/// the empty bay for a few samples during the move;</item>
/// <item>a neighbour comes and goes in turn: a known step with the same sign as the last one means that last one
/// was a car leaving along the neighbour's direction; if the field is the empty bay without it, that is a (late)
/// departure.</item>
/// </list>
/// </summary>
internal sealed class BayDetector
{
    private const double MinMoveUt = 0.3;
    private const int MaxNeighbourDirections = 4;
    private readonly BayOptions _o;

    /// <summary>Creates a detector with the given tuning (validated).</summary>
    public BayDetector(BayOptions? options = null) => _o = (options ?? new BayOptions()).Validate();

    /// <summary>One step. Unusable samples never change the decision; a long absence raises one fault.</summary>
    public BayDecision Decide(BayState state, MagSample sample, DateTimeOffset now)
    {
        var events = new List<GatewayEvent>(1);
        state = Account(state, now);
        if (!sample.IsUsable)
        {
            var silentSince = state.LastUsable ?? state.LastCall ?? now;
            if (!state.Faulted && now - silentSince >= _o.FaultAfter)
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
        if (state.Baseline is null)
        {
            // First usable sample: assume the bay is empty at start-up (an installer calibrates if not).
            var first = FieldSegments.Next(SegmentState.Empty, v, now, true, _o).State;
            return Output(state with { Baseline = v, Segments = first, LastUsable = now, LastCall = now }, events, now);
        }

        bool restart = now - (state.LastUsable ?? now) > _o.MaxGap;
        var (segments, f, drift, ended) = FieldSegments.Next(state.Segments, v, now, restart, _o);
        var empty = state.Baseline.Value + drift;
        var emptyBefore = state.EmptyBefore;
        if (ended is null && segments.Move is null && !state.Occupied && !InManoeuvre(state, now))
        {
            // Settled and vacant, the manoeuvre (if any) over: the empty bay is what the field reads.
            empty = segments.Level!.Value;
            emptyBefore = null;
        }

        state = state with { Segments = segments, Baseline = empty, EmptyBefore = emptyBefore, LastUsable = now, LastCall = now };
        if (state.Occupied && segments.Move is { Filtered.Count: > 1 } move)
        {
            int near = (f - empty).Magnitude < _o.ExitUt ? move.NearEmpty + 1 : 0;
            state = state with { Segments = segments with { Move = move with { NearEmpty = near } } };
            if (near >= _o.ThroughSamples && move.Middle >= 2 && now - (state.OccupiedSince ?? now) >= _o.MinStay)
            {
                // The field passed the empty bay in the middle of a manoeuvre: one car left as the next arrives.
                events.Add(Vacant(state, now, "departure"));
                state = Depart(state, now) with { EmptyBefore = empty };
            }
        }

        if (ended is not null)
        {
            state = Settle(state, ended, now, events);
        }
        else if (state.HeldDeparture is { } held && state.Occupied && segments.Move is null && !InManoeuvre(state, now))
        {
            // The arrival manoeuvre ended back at the empty bay: the car (or what looked like one) has gone.
            events.Add(Vacant(state, now, "departure"));
            state = Depart(state, now) with { EmptyBefore = state.Baseline, Baseline = held };
        }

        return Output(state with { Deviation = f - state.Baseline!.Value }, events, now);
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
            Baseline = sample.Vector, Deviation = Vec3.Zero, Segments = FieldSegments.Settled(sample.Vector),
            EmptyBefore = null, TentativeStep = null, HeldDeparture = null, LastMoveEnd = null, LastUsable = now, LastCall = now, Faulted = false,
        };
        return Output(state, events, now);
    }

    /// <summary>The bay's status record.</summary>
    public static BayStatus Status(BayState s) => new(
        s.BayId, s.Occupied, s.Faulted, s.Deviation.Magnitude, s.Baseline is not null, s.Statistics.Arrivals,
        s.Statistics.OccupancyRatio, s.Statistics.MeanDwell, s.LastUsable);

    private bool InManoeuvre(BayState s, DateTimeOffset now) => s.LastMoveEnd is { } end && now - end <= _o.ChainGap;

    private BayState Settle(BayState s, SettledMove m, DateTimeOffset now, List<GatewayEvent> events)
    {
        var to = m.To;
        var d = m.Change;
        double size = d.Magnitude;
        bool alone = s.LastMoveEnd is not { } end || m.Start - end > _o.ChainGap;
        var empty = s.Baseline!.Value;
        if (!alone && s.TentativeStep is { } tentative)
        {
            // The "neighbour's step" was the first stage of a manoeuvre: the empty bay is where it was before it.
            empty -= tentative;
        }

        s = s with { Baseline = empty, TentativeStep = null, HeldDeparture = null, LastMoveEnd = size >= MinMoveUt ? now : s.LastMoveEnd };
        if (size < _o.NeighbourMinUt)
        {
            // A small settle: a later stage of the car's own arrival (the car's field grows or shrinks; the empty
            // bay stays), drift under a parked car or the tail of a neighbour's step (the empty bay moves), or one
            // stage of a manoeuvre while vacant.
            if (!s.Occupied)
            {
                return Arrive(s, to, alone, now, events);
            }

            return InArrival(s, m, alone)
                ? s with { Car = to - empty, CarMax = Math.Max(s.CarMax, (to - empty).Magnitude) }
                : s with { Baseline = empty + d };
        }

        bool inRange = size <= _o.NeighbourMaxUt;
        bool stepLike = inRange && m.Intermediate <= _o.StepIntermediateSamples;
        bool known = inRange && m.Intermediate <= _o.KnownStepIntermediateSamples && Known(s.Neighbours, d);
        bool learned = s.Neighbours.Any(n => n.Count >= _o.NeighbourLearnSteps);
        bool departs = s.Occupied && !known && Departs(s, to, d);
        if (alone && stepLike)
        {
            s = s with { Neighbours = Learn(s.Neighbours, d) };
        }

        if (departs && InArrival(s, m, alone))
        {
            // A stage of the car's own arrival came back near the empty bay (a weak car swinging in): not a
            // departure unless the manoeuvre ends here.
            return s with { HeldDeparture = to };
        }

        if (departs)
        {
            events.Add(Vacant(s, now, "departure"));
            return Depart(s, now) with { EmptyBefore = empty, Baseline = to };
        }

        if (known || (alone && stepLike && (!learned || s.Occupied || (to - empty).Magnitude < _o.EnterWeakUt)))
        {
            int i = IndexOfMatch(s.Neighbours, d);
            if (i >= 0)
            {
                var n = s.Neighbours[i];
                int sign = Vec3.Dot(d, n.Step) >= 0 ? 1 : -1;
                var neighbours = s.Neighbours.ToArray();
                neighbours[i] = n with { LastSign = sign, LastStep = d };
                s = s with { Neighbours = neighbours };
                if (known && s.Occupied && n.LastSign == sign && n.LastStep is { } last && (to - (empty - last + d)).Magnitude < _o.ExitUt)
                {
                    // The neighbour cannot come (or go) twice running: its last "step" was this car leaving along
                    // the neighbour's direction. Without that step the field is the empty bay: a late departure
                    // instead of a stay that never ends.
                    events.Add(Vacant(s, now, "departure"));
                    return Depart(s, now) with { EmptyBefore = empty, Baseline = to, TentativeStep = null };
                }
            }

            // A neighbour's car came or went: the empty bay reads shifted by the step.
            return s with { Baseline = empty + d, TentativeStep = known ? null : d };
        }

        if (!s.Occupied)
        {
            return Arrive(s, to, alone, now, events);
        }

        var car = to - empty;
        return s with { Car = car, CarMax = Math.Max(s.CarMax, car.Magnitude) };
    }

    /// <summary>The move is a later stage of the manoeuvre that made the current stay's arrival.</summary>
    private bool InArrival(BayState s, SettledMove m, bool alone) =>
        !alone && s.OccupiedSince is { } since && m.Start - since <= _o.ChainGap;

    private BayState Arrive(BayState s, Vec3 to, bool alone, DateTimeOffset now, List<GatewayEvent> events)
    {
        var car = to - s.Baseline!.Value;
        bool continuesDeparture = !alone && s.EmptyBefore is { } before && (to - before).Magnitude < _o.EnterWeakUt;
        if (car.Magnitude < _o.EnterWeakUt || continuesDeparture)
        {
            return s;
        }

        var stats = s.Statistics with { Arrivals = s.Statistics.Arrivals + 1 };
        s = s with { Occupied = true, OccupiedSince = now, Car = car, CarMax = car.Magnitude, Statistics = stats };
        events.Add(Event("parking.occupied", s, now, new() { ["deviationUt"] = Math.Round(car.Magnitude, 2) }));
        return s;
    }

    private bool Departs(BayState s, Vec3 to, Vec3 change)
    {
        var empty = s.Baseline!.Value;
        double left = (to - empty).Magnitude;
        if (left < _o.ExitUt || (left < _o.DepartureFraction * s.CarMax && left < _o.EnterStrongUt))
        {
            return true;
        }

        // A neighbour's step hidden under the car: the field settles one known step away from the empty bay.
        return change.Magnitude >= 0.5 * s.CarMax && s.Neighbours.Any(n => n.Count >= _o.NeighbourLearnSteps
            && Math.Min((to - empty - n.Step).Magnitude, (to - empty + n.Step).Magnitude) < _o.ExitUt);
    }

    private int IndexOfMatch(IReadOnlyList<NeighbourDirection> neighbours, Vec3 d)
    {
        for (int i = 0; i < neighbours.Count; i++)
        {
            if (Matches(d, neighbours[i].Step))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Known(IReadOnlyList<NeighbourDirection> neighbours, Vec3 d) =>
        neighbours.Any(n => n.Count >= _o.NeighbourLearnSteps && Matches(d, n.Step));

    private bool Matches(Vec3 d, Vec3 step)
    {
        double size = step.Magnitude;
        var u = (1 / size) * step;
        double along = Vec3.Dot(d, u);
        double across = (d - (along * u)).Magnitude;
        double ratio = Math.Abs(along) / size;
        return ratio >= 1 - _o.NeighbourTolerance && ratio <= 1 + (1.5 * _o.NeighbourTolerance)
            && across < (0.15 * size) + _o.NeighbourAcrossUt;
    }

    private IReadOnlyList<NeighbourDirection> Learn(IReadOnlyList<NeighbourDirection> neighbours, Vec3 d)
    {
        for (int i = 0; i < neighbours.Count; i++)
        {
            var n = neighbours[i];
            if (Matches(d, n.Step))
            {
                var signed = Vec3.Dot(d, n.Step) >= 0 ? d : -d;
                int k = Math.Min(n.Count, 20);
                var list = neighbours.ToArray();
                list[i] = n with { Step = (1.0 / (k + 1)) * ((k * n.Step) + signed), Count = n.Count + 1 };
                return list;
            }
        }

        var kept = neighbours.Count < MaxNeighbourDirections
            ? neighbours
            : neighbours.Where(n => n != neighbours.MinBy(x => x.Count)).ToArray();
        return [.. kept, new NeighbourDirection(d, 1)];
    }

    private static BayState Depart(BayState s, DateTimeOffset now)
    {
        var dwell = now - (s.OccupiedSince ?? now);
        var stats = s.Statistics with
        {
            Departures = s.Statistics.Departures + 1, DwellTotal = s.Statistics.DwellTotal + dwell,
        };
        return s with { Occupied = false, OccupiedSince = null, Car = Vec3.Zero, CarMax = 0, HeldDeparture = null, Statistics = stats };
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
