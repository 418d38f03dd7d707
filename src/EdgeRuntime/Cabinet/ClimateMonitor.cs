using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// Cabinet over-temperature with hysteresis: <c>cabinet.overtemp</c> (Warning, data state "active") above
/// <c>onAboveC</c> held for <c>hold</c>, and <c>cabinet.overtemp</c> again (Info, data state "cleared") once
/// below <c>clearBelowC</c> for <c>hold</c>. CONTRACT.md lists one type, so the clearing is the same type with
/// <c>state:"cleared"</c> rather than an invented <c>cabinet.overtemp.cleared</c>. Defaults 60/55 °C: the
/// Raspberry Pi throttles at 80-85 °C and electronics in a closed cabinet run 15-20 °C above the air.
/// </summary>
internal sealed class ClimateMonitor
{
    private readonly ThresholdAlarm _alarm;
    private readonly string _source;

    /// <summary>Creates the monitor; <paramref name="clearBelowC"/> must be below <paramref name="onAboveC"/>.</summary>
    public ClimateMonitor(string source = "cabinet.climate", double onAboveC = 60, double clearBelowC = 55, TimeSpan? hold = null, TimeSpan? faultAfter = null)
    {
        if (!(clearBelowC < onAboveC))
        {
            throw new ArgumentException($"Over-temperature clear level ({clearBelowC} °C) must be below the on level ({onAboveC} °C).");
        }

        var h = hold ?? TimeSpan.FromSeconds(60);
        _alarm = new ThresholdAlarm(v => v > onAboveC, v => v < clearBelowC, h, h, faultAfter ?? TimeSpan.FromMinutes(5));
        _source = source;
    }

    /// <summary>One temperature reading (°C).</summary>
    public CabinetDecision<ThresholdState> Decide(ThresholdState state, Reading temperatureC, DateTimeOffset now)
    {
        var (s, edge, sensor) = _alarm.Step(state, temperatureC, _source, "temperature", now);
        var events = new List<GatewayEvent>(2);
        if (sensor is not null)
        {
            events.Add(sensor);
        }

        if (edge != 0)
        {
            events.Add(new GatewayEvent("cabinet.overtemp", _source, edge > 0 ? Severity.Warning : Severity.Info, now,
                new Dictionary<string, object?> { ["state"] = edge > 0 ? "active" : "cleared", ["temperatureC"] = Math.Round(temperatureC.Value, 1) }));
        }

        return new(s, events);
    }
}
