using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Waste;

namespace EdgeGateway.Runtime.Tests.Waste;

[Trait("Category", "Unit")]
public sealed class BinMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly BinMonitor _monitor = new();

    [Fact]
    public void Decide_TwentyPercentBadPings_FillWithin2Points()
    {
        var random = new Random(11);
        var state = BinState.Initial("bin-x");
        for (int c = 0; c < 200; c++)
        {
            double trueMm = 1100 - (c * 4); // filling steadily
            var pings = Enumerable.Range(0, 5).Select(_ => random.NextDouble() switch
            {
                < 0.07 => double.NaN,                       // no echo
                < 0.14 => 150 + (random.NextDouble() * 45), // blind-zone ringing
                < 0.20 => 1400,                             // multipath beyond the floor
                _ => trueMm + ((random.NextDouble() - 0.5) * 20),
            }).ToList();
            var d = _monitor.Decide(state, pings, T0.AddMinutes(10 * c));
            state = d.State;
            if (d.ValidPings >= 3)
            {
                Assert.InRange(d.Readings[0].Value - _monitor.FillFromDistance(trueMm), -2, 2);
            }
        }
    }

    [Fact]
    public void Decide_StrayEchoesJustOutsideTheBlindZone_KeepTheLastFillUncertainAndNoEmptying()
    {
        // A bin at ~68 %, then cycles where two or three echoes sit just outside the blind zone (210-220 mm) and
        // only one or two see the surface: the fill must not jump, and the later real reading is no emptying.
        var state = _monitor.Decide(BinState.Initial("bin-x"), [522, 530, 525, 528, 520], T0).State;
        var events = new List<GatewayEvent>();
        double[][] stray = [[215, 212, 531, double.NaN, 218], [210, 214, 217, 1300, double.NaN], [690, 213, 211, 216, double.NaN]];
        for (int c = 0; c < stray.Length; c++)
        {
            var d = _monitor.Decide(state, stray[c], T0.AddMinutes(10 * (c + 1)));
            state = d.State;
            events.AddRange(d.Events);
            Assert.InRange(d.Readings[0].Value, 66, 70);
            if (c > 0)
            {
                // No echo of the surface at all: the last fill, marked uncertain.
                Assert.Equal(Quality.Uncertain, d.Readings[0].Quality);
            }
        }

        var back = _monitor.Decide(state, [524, 527, 526, 523, 529], T0.AddMinutes(40));

        Assert.Empty(events.Concat(back.Events));
        Assert.InRange(back.Readings[0].Value, 66, 70);
    }

    [Fact]
    public void Decide_ThreeAgreeingEchoesFarFromTheLastFill_BelievedAtOnce()
    {
        var state = _monitor.Decide(BinState.Initial("bin-x"), [300, 305, 302, 298, 301], T0).State;

        var d = _monitor.Decide(state, [1010, 1005, 212, 1008, double.NaN], T0.AddMinutes(10));

        Assert.InRange(d.Readings[0].Value, 10, 12);
    }

    [Fact]
    public void Decide_BinNeverEmptied_OneAlarmNotMany()
    {
        var state = BinState.Initial("bin-x");
        var events = new List<GatewayEvent>();
        for (int c = 0; c < 500; c++)
        {
            double mm = Math.Max(210, 1100 - (c * 5)); // fills, then overflows and stays there
            var d = _monitor.Decide(state, [mm, mm + 3, mm - 2, double.NaN, mm + 1], T0.AddMinutes(10 * c));
            state = d.State;
            events.AddRange(d.Events);
        }

        Assert.Equal("bin.full", Assert.Single(events).Type);
        Assert.True(BinMonitor.Status(state).AlarmActive);
    }

    [Fact]
    public void Decide_EmptiedThenRefilled_AlarmRearmed()
    {
        double[] fills = [10, 50, 85, 90, 95, 95, 5, 5, 5, 40, 82, 84, 90];
        var state = BinState.Initial("bin-x");
        var types = new List<string>();
        for (int c = 0; c < fills.Length; c++)
        {
            double mm = 1100 - (fills[c] / 100 * 850);
            var d = _monitor.Decide(state, [mm, mm, mm], T0.AddMinutes(10 * c));
            state = d.State;
            types.AddRange(d.Events.Select(e => e.Type));
        }

        Assert.Equal(["bin.full", "bin.emptied", "bin.full"], types);
    }

    [Fact]
    public void Decide_OneLowCycleAfterFull_NotAnEmptying()
    {
        double[] fills = [85, 90, 5, 90, 92];
        var state = BinState.Initial("bin-x");
        var types = new List<string>();
        foreach (var (f, c) in fills.Select((f, c) => (f, c)))
        {
            double mm = 1100 - (f / 100 * 850);
            var d = _monitor.Decide(state, [mm, mm, mm], T0.AddMinutes(10 * c));
            state = d.State;
            types.AddRange(d.Events.Select(e => e.Type));
        }

        Assert.Equal(["bin.full"], types);
    }

    [Fact]
    public void Decide_NoValidPingForThreeCycles_FaultOnceThenRecovered()
    {
        var state = _monitor.Decide(BinState.Initial("bin-x"), [900, 900, 900], T0).State;
        var types = new List<string>();
        for (int c = 1; c <= 6; c++)
        {
            var d = _monitor.Decide(state, [double.NaN, 120, double.NaN], T0.AddMinutes(10 * c));
            state = d.State;
            types.AddRange(d.Events.Select(e => e.Type));
            Assert.Equal(Quality.Bad, d.Readings[0].Quality);
            Assert.Equal(Math.Round(_monitor.FillFromDistance(900), 1), d.Readings[0].Value);
        }

        types.AddRange(_monitor.Decide(state, [900, 905, 898], T0.AddMinutes(70)).Events.Select(e => e.Type));

        Assert.Equal(["sensor.fault", "sensor.recovered"], types);
    }

    [Fact]
    public void Decide_FullBinRisesIntoBlindZone_OverflowNotFault()
    {
        var state = _monitor.Decide(BinState.Initial("bin-x"), [260, 262, 258], T0).State;
        var types = new List<string>();
        for (int c = 1; c <= 6; c++)
        {
            var d = _monitor.Decide(state, [150, 160, 155], T0.AddMinutes(10 * c));
            state = d.State;
            types.AddRange(d.Events.Select(e => e.Type));
            Assert.Equal(100, d.Readings[0].Value);
        }

        Assert.Equal(["bin.full"], types);
        Assert.False(state.Faulted);
    }

    [Fact]
    public void Group_BurstsTenMinutesApart_OneCyclePerBurst()
    {
        var pings = Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 5)
            .Select(p => (T0.AddMinutes(10 * c).AddMilliseconds(60 * p), 500.0 + p))).ToList();

        var cycles = PingCycleGrouper.Group(pings).ToList();

        Assert.Equal(3, cycles.Count);
        Assert.All(cycles, c => Assert.Equal(5, c.PingsMm.Count));
        Assert.Equal(T0.AddMinutes(20), cycles[2].Start);
    }

    [Fact]
    public void Constructor_FullNearerThanEmptyViolated_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BinMonitor(new BinOptions { FullDistanceMm = 1200 }));
    }
}
