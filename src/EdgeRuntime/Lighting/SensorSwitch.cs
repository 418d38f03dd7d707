namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The photocell step of a lamp group (TALQ photocell onLevel/offLevel, ANSI C136.10): dark when the light has
/// stayed below <c>onLevel</c> for <c>onDelay</c>, light when it has stayed above <c>offLevel</c> for
/// <c>offDelay</c>. Interruptions no longer than <c>flashToleranceS</c> (headlights, lightning) neither switch
/// the lamps nor restart a pending delay, so a busy road cannot hold the street dark at dusk.
/// </summary>
internal static class SensorSwitch
{
    public static SensorSwitchState Step(SensorSwitchState state, double lux, DateTimeOffset at, LampGroupOptions options)
    {
        if (state.Dark is not { } dark)
        {
            // First reading after start: no history to wait on. Inside the hysteresis band we choose dark, because
            // a gateway that does not know must leave the street lit (DESIGN.md, fail-safe).
            return new SensorSwitchState(lux < options.OffLevelLux, null, null, at);
        }

        var wantsChange = dark ? lux > options.OffLevelLux : lux < options.OnLevelLux;
        if (!wantsChange)
        {
            if (state.PendingSince is null)
            {
                return state with { LastGoodAt = at };
            }

            var interrupted = state.InterruptedSince ?? at;
            return at - interrupted > TimeSpan.FromSeconds(options.FlashToleranceS)
                ? new SensorSwitchState(dark, null, null, at)
                : new SensorSwitchState(dark, state.PendingSince, interrupted, at);
        }

        var since = state.PendingSince ?? at;
        var delay = TimeSpan.FromSeconds(dark ? options.OffDelayS : options.OnDelayS);
        return at - since >= delay
            ? new SensorSwitchState(!dark, null, null, at)
            : new SensorSwitchState(dark, since, null, at);
    }
}
