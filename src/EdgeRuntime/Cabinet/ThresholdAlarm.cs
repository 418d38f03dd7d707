using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// Shared pure core: raise when the value is past <c>raise</c> for <c>raiseHold</c>, clear when back past
/// <c>clear</c> for <c>clearHold</c> (hysteresis + hold). Bad readings change nothing; bad for longer than
/// <c>faultAfter</c> is one <c>sensor.fault</c>, and the next good reading one <c>sensor.recovered</c>.
/// </summary>
internal sealed record ThresholdAlarm(
    Func<double, bool> PastRaise,
    Func<double, bool> PastClear,
    TimeSpan RaiseHold,
    TimeSpan ClearHold,
    TimeSpan FaultAfter)
{
    /// <summary>Steps the alarm; returns the new state and whether it was raised (+1), cleared (-1) or neither (0).</summary>
    public (ThresholdState State, int Edge, GatewayEvent? SensorEvent) Step(
        ThresholdState s, Reading reading, string source, string kind, DateTimeOffset now)
    {
        if (reading.Quality == Quality.Bad || !double.IsFinite(reading.Value))
        {
            var since = s.LastGood ?? now;
            if (!s.SensorFaulted && s.LastGood is not null && now - since >= FaultAfter)
            {
                return (s with { SensorFaulted = true, PendingSince = null }, 0,
                    new GatewayEvent("sensor.fault", source, Severity.Warning, now, new Dictionary<string, object?> { ["kind"] = kind }));
            }

            return (s with { LastGood = s.LastGood ?? now }, 0, null);
        }

        GatewayEvent? recovered = s.SensorFaulted
            ? new GatewayEvent("sensor.recovered", source, Severity.Info, now, new Dictionary<string, object?> { ["kind"] = kind })
            : null;
        s = s with { LastGood = now, SensorFaulted = false };
        bool toward = s.Active ? PastClear(reading.Value) : PastRaise(reading.Value);
        if (!toward)
        {
            return (s with { PendingSince = null }, 0, recovered);
        }

        var pending = s.PendingSince ?? now;
        if (now - pending < (s.Active ? ClearHold : RaiseHold))
        {
            return (s with { PendingSince = pending }, 0, recovered);
        }

        return s.Active
            ? (s with { Active = false, PendingSince = null }, -1, recovered)
            : (s with { Active = true, PendingSince = null, ActiveSince = now }, +1, recovered);
    }
}
