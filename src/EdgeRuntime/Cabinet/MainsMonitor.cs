using EdgeGateway.Contracts;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// Mains presence from the cabinet meter's voltage: <c>power.lost</c> (Critical) when a GOOD reading is below
/// <c>lostBelowV</c> for <c>lostHold</c>; <c>power.restored</c> (Info, with the outage length) when good readings
/// are above <c>restoredAboveV</c> for <c>restoredHold</c>. A bad reading (timeout, CRC error) is a stale value,
/// never zero volts (DESIGN.md "Cabinet energy meters"): it changes nothing, and after <c>faultAfter</c> it is
/// one <c>sensor.fault</c>. EN 50160 allows 230 V ±10 %; 160 V is far below any supply still worth the name.
/// </summary>
internal sealed class MainsMonitor
{
    private readonly ThresholdAlarm _alarm;
    private readonly string _source;

    /// <summary>Creates the monitor; <paramref name="restoredAboveV"/> must be above <paramref name="lostBelowV"/>.</summary>
    public MainsMonitor(string source = "cabinet.mains", double lostBelowV = 160, double restoredAboveV = 190,
        TimeSpan? lostHold = null, TimeSpan? restoredHold = null, TimeSpan? faultAfter = null)
    {
        if (!(restoredAboveV > lostBelowV))
        {
            throw new ArgumentException($"Restore level ({restoredAboveV} V) must be above the loss level ({lostBelowV} V).");
        }

        _alarm = new ThresholdAlarm(v => v < lostBelowV, v => v > restoredAboveV,
            lostHold ?? TimeSpan.FromSeconds(2), restoredHold ?? TimeSpan.FromSeconds(5), faultAfter ?? TimeSpan.FromSeconds(60));
        _source = source;
    }

    /// <summary>One voltage reading (V) from the meter, with its quality.</summary>
    public CabinetDecision<ThresholdState> Decide(ThresholdState state, Reading voltage, DateTimeOffset now)
    {
        var before = state.ActiveSince;
        var (s, edge, sensor) = _alarm.Step(state, voltage, _source, "meter", now);
        var events = new List<GatewayEvent>(2);
        if (sensor is not null)
        {
            events.Add(sensor);
        }

        if (edge > 0)
        {
            events.Add(new GatewayEvent("power.lost", _source, Severity.Critical, now,
                new Dictionary<string, object?> { ["voltageV"] = Math.Round(voltage.Value, 1) }));
        }
        else if (edge < 0)
        {
            events.Add(new GatewayEvent("power.restored", _source, Severity.Info, now, new Dictionary<string, object?>
            {
                ["voltageV"] = Math.Round(voltage.Value, 1), ["outageS"] = Math.Round((now - (before ?? now)).TotalSeconds),
            }));
        }

        return new(s, events);
    }
}
