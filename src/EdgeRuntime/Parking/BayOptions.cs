namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Tuning of <see cref="BayDetector"/> (a magnetometer at ~1 Hz, noise ~0.3 µT per axis). The detector reads the
/// median-filtered field as settled levels and moves (<see cref="FieldSegments"/>) and judges each move: a one-sample
/// step along the bay's learned neighbour direction is a neighbouring car; a manoeuvre that leaves the field at
/// least <see cref="EnterWeakUt"/> from the empty bay is an arrival; one that brings it back within
/// <see cref="ExitUt"/> (or near a fraction of the car's field) is a departure. Defaults were set on the field
/// traces (docs/field.md says which were tuned and which checked); only override them with a reason.
/// </summary>
internal sealed record BayOptions
{
    /// <summary>
    /// Departures: a settled field below this fraction of the parked car's field (and below this many µT) from the
    /// empty bay is the empty bay, even when drift or a neighbour keeps it above <see cref="ExitUt"/>.
    /// </summary>
    public double EnterStrongUt { get; init; } = 4.5;

    /// <summary>Not used by the settled-level detector; kept so existing configurations still bind.</summary>
    public TimeSpan EnterStrongFor { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Arrival: a manoeuvre that settles at least this far (µT) from the empty bay. Weak cars give 2-2.5 µT.</summary>
    public double EnterWeakUt { get; init; } = 1.6;

    /// <summary>Not used by the settled-level detector; kept so existing configurations still bind.</summary>
    public TimeSpan EnterWeakFor { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Departure: a move that settles within this distance (µT) of the empty bay; below <see cref="EnterWeakUt"/>.</summary>
    public double ExitUt { get; init; } = 1.5;

    /// <summary>Not used by the settled-level detector; kept so existing configurations still bind.</summary>
    public TimeSpan ExitFor { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Departure: settled within this fraction of the largest field the parked car gave (and below <see cref="EnterStrongUt"/>).</summary>
    public double DepartureFraction { get; init; } = 0.35;

    /// <summary>Samples in the per-axis running median (passing cars' 1-3 s spikes and bad pings out, step edges kept).</summary>
    public int MedianSamples { get; init; } = 7;

    /// <summary>The filtered field is settled while within this distance (µT) of its level.</summary>
    public double QuietUt { get; init; } = 0.8;

    /// <summary>Filtered samples within <see cref="QuietUt"/> of their median that end a move.</summary>
    public int SettleSamples { get; init; } = 6;

    /// <summary>A move longer than this many samples is settled where it is (continuous traffic).</summary>
    public int MaxMoveSamples { get; init; } = 90;

    /// <summary>Neighbour steps are moves of this size (µT) ...</summary>
    public double NeighbourMinUt { get; init; } = 1.0;

    /// <summary>... up to this size (µT).</summary>
    public double NeighbourMaxUt { get; init; } = 5.0;

    /// <summary>A step: at most this many raw samples part-way along the move (a car's manoeuvre has ramps).</summary>
    public int StepIntermediateSamples { get; init; } = 1;

    /// <summary>A step along a learned neighbour direction may have this many (noise beside a small step).</summary>
    public int KnownStepIntermediateSamples { get; init; } = 3;

    /// <summary>Moves closer than this belong to one manoeuvre (a car's stages); a step inside one is not a neighbour.</summary>
    public TimeSpan ChainGap { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Back-to-back cars: filtered samples near the empty bay during one move that count as a departure.</summary>
    public int ThroughSamples { get; init; } = 3;

    /// <summary>... only once a stay has lasted this long (a car arriving wobbles near the empty field).</summary>
    public TimeSpan MinStay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Steps along one direction (either sign) before it is this bay's known neighbour direction.</summary>
    public int NeighbourLearnSteps { get; init; } = 4;

    /// <summary>A step matches a known direction within this fraction of its size along it ...</summary>
    public double NeighbourTolerance { get; init; } = 0.3;

    /// <summary>... and across it within 0.15 of its size plus this (µT).</summary>
    public double NeighbourAcrossUt { get; init; } = 0.3;

    /// <summary>The longest gap between usable samples treated as continuous (the median window restarts after it).</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No usable sample for this long raises <c>sensor.fault</c> (once).</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Throws <see cref="ArgumentException"/> for settings that would break the detector.</summary>
    public BayOptions Validate()
    {
        if (!(ExitUt > 0 && ExitUt < EnterWeakUt && EnterWeakUt <= EnterStrongUt))
        {
            throw new ArgumentException(
                $"Bay thresholds need 0 < exit ({ExitUt}) < weak entry ({EnterWeakUt}) <= strong entry ({EnterStrongUt}) µT.");
        }

        if (FaultAfter <= TimeSpan.Zero || ChainGap <= TimeSpan.Zero || MaxGap <= TimeSpan.Zero)
        {
            throw new ArgumentException("Bay time constants and FaultAfter must be positive.");
        }

        if (MedianSamples < 1 || SettleSamples < 2 || MaxMoveSamples < SettleSamples || QuietUt <= 0
            || !(NeighbourMinUt > 0 && NeighbourMinUt < NeighbourMaxUt) || NeighbourLearnSteps < 1
            || DepartureFraction is <= 0 or >= 1 || NeighbourTolerance is <= 0 or >= 1)
        {
            throw new ArgumentException("Bay segmenting settings are out of range (median, settle and move lengths, neighbour sizes, fractions).");
        }

        return this;
    }
}
