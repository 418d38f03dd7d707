namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The photocell step of a lamp group (TALQ photocell onLevel/offLevel, ANSI C136.10): dark when the light has
/// stayed below <c>onLevel</c> for <c>onDelay</c>, light when it has stayed above <c>offLevel</c> for
/// <c>offDelay</c>. Any reading back inside the band cancels the pending switch, so 2-s headlights or lightning
/// never switch lamps, and noise at dusk only delays the switch by the time the noise straddles the level.
/// </summary>
internal static class SensorSwitch
{
    public static SensorSwitchState Step(SensorSwitchState state, double lux, DateTimeOffset at, LampGroupOptions options)
    {
        if (state.Dark is not { } dark)
        {
            // First reading after start: no history to wait on. Inside the hysteresis band we choose dark, because
            // a gateway that does not know must leave the street lit (DESIGN.md, fail-safe).
            return new SensorSwitchState(lux < options.OffLevelLux, null, at);
        }

        var wantsChange = dark ? lux > options.OffLevelLux : lux < options.OnLevelLux;
        if (!wantsChange)
        {
            return new SensorSwitchState(dark, null, at);
        }

        var since = state.PendingSince ?? at;
        var delay = TimeSpan.FromSeconds(dark ? options.OffDelayS : options.OnDelayS);
        return at - since >= delay
            ? new SensorSwitchState(!dark, null, at)
            : new SensorSwitchState(dark, since, at);
    }
}
