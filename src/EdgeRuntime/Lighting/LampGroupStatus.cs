namespace EdgeGateway.Runtime.Lighting;

/// <summary>A lamp group as the technician page, <c>state.get</c> and <c>/metrics</c> show it.</summary>
/// <param name="Group">Group id.</param>
/// <param name="Mode">Configured mode.</param>
/// <param name="Strategy">What decides now, after fallbacks.</param>
/// <param name="Level">Commanded level, 0-100 %; null before the first decision.</param>
/// <param name="Cause">Why.</param>
/// <param name="SensorOk">The light sensor is usable.</param>
/// <param name="ClockOk">The clock is trusted.</param>
/// <param name="Override">The active override, if any.</param>
/// <param name="LampFailed">A lamp failure is raised.</param>
/// <param name="Counters">Burning hours, switch-ons, energy.</param>
/// <param name="NextAstroOn">The clock's next switch-on (UTC), if within two days.</param>
/// <param name="NextAstroOff">The clock's next switch-off (UTC), if within two days.</param>
internal sealed record LampGroupStatus(
    string Group,
    LightingMode Mode,
    LightingStrategy Strategy,
    int? Level,
    LightCause Cause,
    bool SensorOk,
    bool ClockOk,
    OverrideState? Override,
    bool LampFailed,
    LampCounters Counters,
    DateTimeOffset? NextAstroOn,
    DateTimeOffset? NextAstroOff);
