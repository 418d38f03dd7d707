using EdgeGateway.Drivers.Core;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// The photocell control loop as a pure decision: on when it has been darker than <c>OnLux</c> for the
/// whole on delay, off when brighter than <c>OffLux</c> for the whole off delay (TALQ photocell behaviour).
/// The band between the two levels is hysteresis: there the timer is reset and nothing changes, so sensor
/// noise around one threshold cannot toggle the lamps, and a 2-second headlight flash cannot outlast a delay.
/// </summary>
public static class Photocell
{
    /// <summary>Decides the next state from one light sample taken at <paramref name="now"/>.</summary>
    public static PhotocellDecision Decide(PhotocellState state, double lux, Quality quality, PhotocellOptions options, DateTimeOffset now)
    {
        if (quality == Quality.Bad || double.IsNaN(lux))
        {
            // No reading is no evidence: hold the state and any running timer (the fail-safe is the lamp group's job).
            return new(state, false);
        }

        bool wantsChange = state.On ? lux > options.OffLux : lux < options.OnLux;
        if (!wantsChange)
        {
            return new(state.PendingSince is null ? state : state with { PendingSince = null }, false);
        }

        var since = state.PendingSince ?? now;
        var delay = state.On ? options.OffDelay : options.OnDelay;
        return now - since >= delay
            ? new(new PhotocellState(!state.On, null), true)
            : new(state with { PendingSince = since }, false);
    }
}
