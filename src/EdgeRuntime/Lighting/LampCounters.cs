namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// Lifetime counters of a lamp group, carried in the pure state; the host persists and restores them.
/// </summary>
/// <param name="BurningSeconds">Time commanded at a level above 0.</param>
/// <param name="SwitchOnCount">Transitions from off (0 %) to on.</param>
/// <param name="EnergyWh">Energy: measured power integrated over time, or nominal power × level when no
/// measurement is available.</param>
internal sealed record LampCounters(double BurningSeconds, long SwitchOnCount, double EnergyWh)
{
    /// <summary>All zero.</summary>
    public static LampCounters Zero { get; } = new(0, 0, 0);

    /// <summary>Burning hours (TALQ burningHours).</summary>
    public double BurningHours => BurningSeconds / 3600.0;
}
