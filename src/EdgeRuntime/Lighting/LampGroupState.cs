namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The immutable state of one lamp group between decisions. The host keeps the latest and persists
/// <see cref="Counters"/>; everything else can be rebuilt from <see cref="Initial"/> after a restart.
/// </summary>
/// <param name="Level">Last commanded level; null before the first decision.</param>
/// <param name="Lit">The on/off decision (before program and override) was "on" at the last decision.</param>
/// <param name="Cause">Why the level is what it is.</param>
/// <param name="Strategy">What decided on/off at the last decision.</param>
/// <param name="SensorOk">The light sensor was usable at the last decision.</param>
/// <param name="ClockOk">The clock was trusted at the last decision.</param>
/// <param name="Sensor">The photocell step's state.</param>
/// <param name="Override">The operator override, if any (expired ones are dropped at the next decision).</param>
/// <param name="Health">Lamp-failure detection.</param>
/// <param name="Counters">Burning time, switch-ons, energy.</param>
/// <param name="LastDecisionAt">When the last decision was made; null before the first.</param>
internal sealed record LampGroupState(
    int? Level,
    bool Lit,
    LightCause Cause,
    LightingStrategy Strategy,
    bool SensorOk,
    bool ClockOk,
    SensorSwitchState Sensor,
    OverrideState? Override,
    LampHealthState Health,
    LampCounters Counters,
    DateTimeOffset? LastDecisionAt)
{
    /// <summary>Before the first decision, with zero counters.</summary>
    public static LampGroupState Initial { get; } = WithCounters(LampCounters.Zero);

    /// <summary>A fresh state carrying counters restored from storage.</summary>
    public static LampGroupState WithCounters(LampCounters counters) => new(
        null, false, LightCause.Failsafe, LightingStrategy.Failsafe, false, false, SensorSwitchState.Initial, null,
        LampHealthState.Healthy, counters, null);
}
