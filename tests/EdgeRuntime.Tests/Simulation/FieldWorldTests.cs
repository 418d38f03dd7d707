using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Runtime.Waste;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeGateway.Runtime.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class FieldWorldTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static FieldWorld NewWorld(int seed = 42) => new(seed, Start, ["bay-1", "bay-2"], ["bin-1"]);

    [Fact]
    public void MagneticField_SameSeedAnyQueryOrder_SameValues()
    {
        var a = NewWorld();
        var b = NewWorld();
        var late = Start.AddHours(30);

        var aLateFirst = a.MagneticField("bay-2", late);
        _ = b.MagneticField("bay-2", Start.AddHours(1));

        Assert.Equal(aLateFirst, b.MagneticField("bay-2", late));
        Assert.Equal(a.BinDistanceMm("bin-1", late), b.BinDistanceMm("bin-1", late));
        Assert.NotEqual(NewWorld(7).MagneticField("bay-2", late), aLateFirst);
    }

    [Fact]
    public void MagneticField_DayDrivenByFakeTimeProvider_DetectorMatchesGroundTruth()
    {
        var world = NewWorld();
        var clock = new FakeTimeProvider(Start);
        var detector = new BayDetector();
        var state = BayState.Initial("bay-1");
        int agree = 0, total = 0, arrivals = 0, trueArrivals = 0;
        bool wasOccupied = false;
        for (int s = 0; s < 86400; s++, clock.Advance(TimeSpan.FromSeconds(1)))
        {
            var now = clock.GetUtcNow();
            var f = world.MagneticField("bay-1", now);
            var d = detector.Decide(state, new MagSample(f.X, f.Y, f.Z, Quality.Good), now);
            state = d.State;
            arrivals += d.Events.Count(e => e.Type == "parking.occupied");
            bool truth = world.IsOccupied("bay-1", now);
            trueArrivals += truth && !wasOccupied ? 1 : 0;
            wasOccupied = truth;
            agree += truth == state.Occupied ? 1 : 0;
            total++;
        }

        output.WriteLine($"agreement {(double)agree / total:P2}, arrivals {arrivals} vs true {trueArrivals}");
        Assert.True(trueArrivals >= 10, "the world should park a car in the bay many times a day");
        Assert.Equal(trueArrivals, arrivals);
        Assert.True((double)agree / total > 0.99);
    }

    [Fact]
    public void BinDistanceMm_WeekThroughMonitor_OneAlarmPerFillCycleAndFillTracksTruth()
    {
        var world = NewWorld(3);
        var monitor = new BinMonitor();
        var state = BinState.Initial("bin-1");
        var types = new List<string>();
        var errors = new List<double>();
        for (var t = Start; t < Start.AddDays(7); t = t.AddMinutes(10))
        {
            var pings = Enumerable.Range(0, 5).Select(i => world.BinDistanceMm("bin-1", t.AddMilliseconds(60 * i))).ToList();
            var d = monitor.Decide(state, pings, t);
            state = d.State;
            types.AddRange(d.Events.Select(e => e.Type));
            errors.Add(Math.Abs(d.Readings[0].Value - Math.Clamp(world.BinFillPct("bin-1", t), 0, 100)));
        }

        errors.Sort();
        output.WriteLine($"events {string.Join(",", types)}; median error {errors[errors.Count / 2]:F2}");
        Assert.True(errors[errors.Count / 2] <= 2);
        Assert.Contains("bin.full", types);
        Assert.Contains("bin.emptied", types);
        // Alarms alternate: never two bin.full without a bin.emptied between them.
        var alarms = types.Where(x => x is "bin.full" or "bin.emptied").ToList();
        Assert.DoesNotContain(alarms.Zip(alarms.Skip(1)), p => p.First == "bin.full" && p.Second == "bin.full");
    }

    [Fact]
    public void DoorOpen_TwoWeeks_VisitsHappenAndAlwaysWithinASession()
    {
        var world = NewWorld(5);
        int openMinutes = 0;
        for (var t = Start; t < Start.AddDays(14); t = t.AddMinutes(1))
        {
            if (world.DoorOpen(t))
            {
                openMinutes++;
                Assert.True(world.TechnicianSession(t));
            }
        }

        Assert.InRange(openMinutes, 10, 14 * 60);
    }

    [Fact]
    public void MagneticField_UnknownBay_Throws()
    {
        Assert.Throws<ArgumentException>(() => NewWorld().MagneticField("nope", Start));
    }
}
