using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Tests.Parking;

[Trait("Category", "Unit")]
public sealed class BayDetectorTests
{
    private static readonly Vec3 Car = new(-6, -5, 8); // |Car| ≈ 11 µT, a typical saloon

    [Fact]
    public void Decide_DriftFor24HoursNoCar_NoEvent()
    {
        // Temperature drift: ±3 µT daily swing on x and z plus a 2 µT/day linear creep (several times the field's).
        var (_, events) = new SyntheticBay(1).Run(TimeSpan.FromHours(24), t =>
            new Vec3(3 * Math.Sin(2 * Math.PI * t / 86400) + (2 * t / 86400), 0.5, -3 * Math.Cos(2 * Math.PI * t / 86400)));

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_WeakHighChassisCar_DetectedAndReleased()
    {
        var weak = new Vec3(2.0, -1.5, 2.0); // |weak| ≈ 3.2 µT: a high-chassis SUV
        var (state, events) = new SyntheticBay(2).Run(TimeSpan.FromHours(2), t =>
            (SyntheticBay.Ramp(t, 600, 615) - SyntheticBay.Ramp(t, 3600, 3610)) * weak);

        Assert.Equal(["parking.occupied", "parking.vacant"], events.Select(e => e.Type));
        Assert.InRange((events[0].Timestamp - SyntheticBay.Start).TotalSeconds, 600, 640);
        Assert.InRange((events[1].Timestamp - SyntheticBay.Start).TotalSeconds, 3600, 3625);
        Assert.False(state.Occupied);
    }

    [Fact]
    public void Decide_NeighbourParks_NoEvent()
    {
        // A car in the next bay shifts this sensor's field by ~2 µT for an hour, arriving over 20 s.
        var shift = new Vec3(0.5, -1.4, 1.4);
        var (_, events) = new SyntheticBay(3).Run(TimeSpan.FromHours(3), t =>
            (SyntheticBay.Ramp(t, 1800, 1820) - SyntheticBay.Ramp(t, 5400, 5420)) * shift);

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_CarsPassing_NoEvent()
    {
        // A passing car every 30 s: a 2 s spike of up to 6 µT.
        var (_, events) = new SyntheticBay(4).Run(TimeSpan.FromHours(1), t =>
            t % 30 is 10 or 11 ? new Vec3(4, -3, 3) : Vec3.Zero);

        Assert.Empty(events);
    }

    [Fact]
    public void Decide_CarParksForAnHour_OneArrivalOneDepartureAndStatistics()
    {
        var (state, events) = new SyntheticBay(5).Run(TimeSpan.FromHours(2), t =>
            (SyntheticBay.Ramp(t, 1200, 1210) - SyntheticBay.Ramp(t, 4800, 4808)) * Car);

        Assert.Equal(["parking.occupied", "parking.vacant"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("bay-s", e.Source));
        var status = BayDetector.Status(state);
        Assert.Equal(1, status.Arrivals);
        Assert.InRange(status.MeanDwell.TotalMinutes, 59, 61);
        Assert.InRange(status.OccupancyRatio, 0.49, 0.51);
    }

    [Fact]
    public void Decide_WeakCarInStagesBesideANeighbourAndPassingCars_OneStayOnTime()
    {
        // The hard field: a 2.2 µT car arriving and leaving in two stages, a neighbour's 2.9 µT one-sample steps
        // on and off (twice during the stay), an 8 µT passing car every 47 s.
        var weak = new Vec3(1.3, -1.0, 1.5);
        var (state, events) = new SyntheticBay(8).Run(TimeSpan.FromHours(2), t =>
            (((0.5 * SyntheticBay.Ramp(t, 600, 603)) + (0.5 * SyntheticBay.Ramp(t, 607, 610))
              - (0.6 * SyntheticBay.Ramp(t, 3600, 3603)) - (0.4 * SyntheticBay.Ramp(t, 3607, 3610))) * weak)
            + (Neighbour(t, 300, 1200, 1800, 2400, 3000, 4200, 5000, 6000) * new Vec3(0.4, 2.9, 0.2))
            + (t % 47 is 20 or 21 ? new Vec3(5, -4, 5) : Vec3.Zero));

        Assert.Equal(["parking.occupied", "parking.vacant"], events.Select(e => e.Type));
        Assert.InRange(Seconds(events[0]), 600 - 15, 610 + 15);
        Assert.InRange(Seconds(events[1]), 3600 - 15, 3610 + 15);
        Assert.False(state.Occupied);
    }

    [Fact]
    public void Decide_CarsBackToBack8sApart_TwoStays()
    {
        var (_, events) = new SyntheticBay(9).Run(TimeSpan.FromHours(2), t =>
            ((SyntheticBay.Ramp(t, 600, 610) - SyntheticBay.Ramp(t, 4000, 4006)) * Car)
            + ((SyntheticBay.Ramp(t, 4014, 4022) - SyntheticBay.Ramp(t, 6000, 6008)) * new Vec3(5, 3, -4)));

        Assert.Equal(["parking.occupied", "parking.vacant", "parking.occupied", "parking.vacant"], events.Select(e => e.Type));
        Assert.InRange(Seconds(events[1]), 4000 - 15, 4006 + 15);
        Assert.InRange(Seconds(events[2]), 4014 - 15, 4022 + 15);
    }

    [Fact]
    public void Decide_WeakCarFourHoursUnderDriftNeighbourComesDuringTheStay_OneStay()
    {
        // 2.2 µT car for 4 h while the empty field drifts 2 µT; a neighbour parks during the stay and leaves after it.
        var weak = new Vec3(-1.5, 1.2, 1.1);
        var (state, events) = new SyntheticBay(10).Run(TimeSpan.FromHours(6), t =>
            ((SyntheticBay.Ramp(t, 1800, 1806) + SyntheticBay.Ramp(t, 1810, 1814) - (2 * SyntheticBay.Ramp(t, 16200, 16208))) * (0.5 * weak))
            + new Vec3(2 * t / 21600, 0, -0.5 * t / 21600)
            + (Neighbour(t, 6000, 18000) * new Vec3(-0.3, 0.4, 2.8)));

        Assert.Equal(["parking.occupied", "parking.vacant"], events.Select(e => e.Type));
        Assert.InRange(Seconds(events[1]), 16200 - 15, 16208 + 15);
        Assert.False(state.Occupied);
    }

    [Fact]
    public void Decide_CarLeavesAlongTheNeighboursDirection_DepartureNotANeighbourStep()
    {
        // The neighbour's 2.9 µT step is learned (4 toggles), then it parks again; a 2.6 µT car whose field is
        // opposite to the neighbour's parks, and leaves in 3 s: that move looks like the neighbour's step, with the
        // same sign as the neighbour's last one. A neighbour cannot park twice running: it is the departure.
        var n = new Vec3(0.4, 2.9, 0.2);
        var (state, events) = new SyntheticBay(11).Run(TimeSpan.FromHours(2), t =>
            (Neighbour(t, 300, 900, 1500, 2100, 2700) * n)
            + ((SyntheticBay.Ramp(t, 3000, 3004) + SyntheticBay.Ramp(t, 3008, 3012) - (2 * SyntheticBay.Ramp(t, 5000, 5003))) * (-0.45 * n)));

        Assert.Equal(["parking.occupied", "parking.vacant"], events.Select(e => e.Type));
        Assert.InRange(Seconds(events[0]), 3000 - 15, 3012 + 15);
        Assert.InRange(Seconds(events[1]), 5000 - 15, 5003 + 15);
        Assert.False(state.Occupied);
    }

    [Fact]
    public void Decide_MissingSamplesWhileOccupied_NoFlipThenFaultOnceAndRecovered()
    {
        var detector = new BayDetector(new BayOptions { FaultAfter = TimeSpan.FromSeconds(60) });
        var (state, _) = new SyntheticBay(6).Run(TimeSpan.FromMinutes(5), t => SyntheticBay.Ramp(t, 60, 70) * Car, detector);
        Assert.True(state.Occupied);
        var t0 = SyntheticBay.Start.AddMinutes(5);
        var events = new List<GatewayEvent>();
        for (int s = 1; s <= 300; s++)
        {
            var d = detector.Decide(state, MagSample.Missing, t0.AddSeconds(s));
            state = d.State;
            events.AddRange(d.Events);
            Assert.Equal(1, d.Readings.Single().Value);
        }

        var back = detector.Decide(state, new MagSample(12, -13, -35, Quality.Good), t0.AddSeconds(301));

        Assert.Equal(["sensor.fault"], events.Select(e => e.Type));
        Assert.Equal(["sensor.recovered"], back.Events.Select(e => e.Type));
        Assert.True(back.State.Occupied);
        Assert.Equal(Quality.Good, back.Readings.Single().Quality);
    }

    [Fact]
    public void Decide_CarLeavesDuringASensorDropout_DepartureWhenTheSensorIsBack()
    {
        var detector = new BayDetector();
        var (state, _) = new SyntheticBay(12).Run(TimeSpan.FromMinutes(10), t => SyntheticBay.Ramp(t, 60, 70) * Car, detector);
        Assert.True(state.Occupied);
        var t0 = SyntheticBay.Start.AddMinutes(10);
        var events = new List<GatewayEvent>();
        for (int s = 1; s <= 150; s++)
        {
            var d = detector.Decide(state, MagSample.Missing, t0.AddSeconds(s));
            state = d.State;
            events.AddRange(d.Events);
        }

        // The car left while the sensor was silent; it comes back reading the empty bay (the earth field).
        var random = new Random(12);
        for (int s = 151; s <= 210; s++)
        {
            var d = detector.Decide(state, new MagSample(18 + Noise(random), -8 + Noise(random), -43 + Noise(random), Quality.Good), t0.AddSeconds(s));
            state = d.State;
            events.AddRange(d.Events);
        }

        Assert.Equal(["sensor.fault", "sensor.recovered", "parking.vacant"], events.Select(e => e.Type));
        Assert.InRange((events[2].Timestamp - t0).TotalSeconds, 151, 151 + 15);
        Assert.False(state.Occupied);
    }

    [Fact]
    public void Calibrate_OccupiedBayDeclaredEmpty_VacantEventAndNewBaseline()
    {
        var detector = new BayDetector();
        var (state, _) = new SyntheticBay(7).Run(TimeSpan.FromMinutes(3), t => SyntheticBay.Ramp(t, 30, 40) * Car, detector);
        var here = new MagSample(12, -13, -35, Quality.Good);

        var d = detector.Calibrate(state, here, SyntheticBay.Start.AddMinutes(4));

        Assert.Equal("parking.vacant", d.Events.Single().Type);
        Assert.Equal(new Vec3(12, -13, -35), d.State.Baseline);
        Assert.False(d.State.Occupied);
        Assert.Throws<ArgumentException>(() => detector.Calibrate(d.State, MagSample.Missing, SyntheticBay.Start.AddMinutes(5)));
    }

    [Fact]
    public void Constructor_ExitAboveEntry_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BayDetector(new BayOptions { ExitUt = 3, EnterWeakUt = 2.6 }));
    }

    private static double Seconds(GatewayEvent e) => (e.Timestamp - SyntheticBay.Start).TotalSeconds;

    /// <summary>1 while the neighbour's car is there: on at the 1st, 3rd, ... time, off at the 2nd, 4th, ... (one-sample steps).</summary>
    private static double Neighbour(double t, params double[] toggles) => toggles.Count(x => t >= x) % 2;

    private static double Noise(Random r) => 0.3 * ((2 * r.NextDouble()) - 1);
}
