using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Cabinet;

namespace EdgeGateway.Runtime.Tests.Cabinet;

[Trait("Category", "Unit")]
public sealed class ClimateAndMainsMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 20, 12, 0, 0, TimeSpan.Zero);

    private static List<GatewayEvent> Run<TMonitor>(TMonitor monitor, Func<TMonitor, ThresholdState, Reading, DateTimeOffset, CabinetDecision<ThresholdState>> decide, IEnumerable<(int S, double V, Quality Q)> series)
    {
        var state = ThresholdState.Initial;
        var events = new List<GatewayEvent>();
        foreach (var (s, v, q) in series)
        {
            var d = decide(monitor, state, new Reading("p", T0.AddSeconds(s), v, q), T0.AddSeconds(s));
            state = d.State;
            events.AddRange(d.Events);
        }

        return events;
    }

    private static IEnumerable<(int, double, Quality)> Every10S(int from, int to, Func<int, double> f, Quality q = Quality.Good) =>
        Enumerable.Range(from / 10, (to - from) / 10).Select(i => (i * 10, f(i * 10), q));

    [Fact]
    public void Decide_TemperatureHoversAroundOnLevel_OneActiveThenOneCleared()
    {
        // 58-62 °C ripple for 10 minutes (above 60 only briefly at first, then steadily), then cooling to 50 °C.
        var series = Every10S(0, 600, s => s < 120 ? (s % 20 == 0 ? 61 : 59) : 62)
            .Concat(Every10S(600, 1200, s => s < 900 ? 57 : 50));

        var events = Run(new ClimateMonitor("cab-1"), (m, st, r, t) => m.Decide(st, r, t), series);

        Assert.Equal(["active", "cleared"], events.Select(e => (string)e.Data["state"]!));
        Assert.All(events, e => Assert.Equal("cabinet.overtemp", e.Type));
        Assert.Equal(Severity.Warning, events[0].Severity);
    }

    [Fact]
    public void Decide_VoltageDropsToZeroAndReturns_PowerLostThenRestored()
    {
        var series = Every10S(0, 100, _ => 231).Concat(Every10S(100, 400, _ => 0)).Concat(Every10S(400, 500, _ => 229));

        var events = Run(new MainsMonitor("cab-1"), (m, st, r, t) => m.Decide(st, r, t), series);

        Assert.Equal(["power.lost", "power.restored"], events.Select(e => e.Type));
        Assert.Equal(Severity.Critical, events[0].Severity);
        Assert.Equal(300.0, events[1].Data["outageS"]);
    }

    [Fact]
    public void Decide_MeterTimesOutWithZeroValue_NoPowerLostButOneSensorFault()
    {
        var series = Every10S(0, 100, _ => 231)
            .Concat(Every10S(100, 400, _ => 0, Quality.Bad))
            .Concat(Every10S(400, 500, _ => 231));

        var events = Run(new MainsMonitor("cab-1"), (m, st, r, t) => m.Decide(st, r, t), series);

        Assert.Equal(["sensor.fault", "sensor.recovered"], events.Select(e => e.Type));
    }

    [Fact]
    public void Decide_BrownoutShorterThanHold_NoEvent()
    {
        var series = new[] { (0, 230.0, Quality.Good), (1, 150.0, Quality.Good), (2, 230.0, Quality.Good), (10, 230.0, Quality.Good) };

        var events = Run(new MainsMonitor("cab-1"), (m, st, r, t) => m.Decide(st, r, t), series);

        Assert.Empty(events);
    }

    [Fact]
    public void Constructor_ClearAboveOn_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ClimateMonitor(onAboveC: 50, clearBelowC: 55));
        Assert.Throws<ArgumentException>(() => new MainsMonitor(lostBelowV: 200, restoredAboveV: 190));
    }
}
