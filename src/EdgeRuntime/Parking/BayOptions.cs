namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Tuning of <see cref="BayDetector"/>. Defaults are set from magnetometer physics at ~1 Hz: sensor noise is
/// ~0.3 µT per axis, passing cars give 1-2 s spikes up to ~5 µT, a neighbouring bay's car shifts the field by
/// ~1-2 µT, a high-chassis car parked over the sensor by as little as ~3.5 µT, a typical car 10-80 µT.
/// </summary>
internal sealed record BayOptions
{
    /// <summary>Strong entry: deviation at or above this (µT) ...</summary>
    public double EnterStrongUt { get; init; } = 4.5;

    /// <summary>... for this long (accumulated) makes the bay occupied. Longer than a passing car's spike.</summary>
    public TimeSpan EnterStrongFor { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Weak entry (high-chassis cars): deviation at or above this (µT), above a neighbour's shift ...</summary>
    public double EnterWeakUt { get; init; } = 2.6;

    /// <summary>... for this long (accumulated) makes the bay occupied.</summary>
    public TimeSpan EnterWeakFor { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Exit: deviation below this (µT); lower than both entry levels (hysteresis) ...</summary>
    public double ExitUt { get; init; } = 2.3;

    /// <summary>... for this long (accumulated) makes the bay vacant. Short: cars park back to back.</summary>
    public TimeSpan ExitFor { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Evidence decay: each second on the wrong side of a threshold removes this many seconds of evidence,
    /// so one noisy sample does not restart a debounce but a spike cannot add up over minutes.
    /// </summary>
    public double EvidenceDecay { get; init; } = 2.0;

    /// <summary>Time constant of the vacant baseline EMA: absorbs temperature drift and neighbours' shifts.</summary>
    public TimeSpan BaselineTau { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Time constant of the fast deviation filter (noise smoothing).</summary>
    public TimeSpan FastTau { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest gap between usable samples treated as continuous (longer gaps are clamped).</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No usable sample for this long raises <c>sensor.fault</c> (once).</summary>
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Throws <see cref="ArgumentException"/> for settings that would break the state machine.</summary>
    public BayOptions Validate()
    {
        if (!(ExitUt > 0 && ExitUt < EnterWeakUt && EnterWeakUt <= EnterStrongUt))
        {
            throw new ArgumentException(
                $"Bay thresholds need 0 < exit ({ExitUt}) < weak entry ({EnterWeakUt}) <= strong entry ({EnterStrongUt}) µT.");
        }

        if (BaselineTau <= TimeSpan.Zero || FastTau <= TimeSpan.Zero || FaultAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("Bay time constants and FaultAfter must be positive.");
        }

        return this;
    }
}
