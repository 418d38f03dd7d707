using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LampGroupControllerSensorTests
{
    private static readonly DateTimeOffset Dusk = new(2026, 10, 5, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_DuskWithNoise_SwitchesOnOnceAfterTheTrueCrossing()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        var random = new Random(7);

        // 200 lx falling exponentially to 1 lx in an hour, ±25 % sample noise, one sample every 5 s.
        double Truth(DateTimeOffset t) => 200 * Math.Exp(-Math.Log(200) * (t - Dusk).TotalHours);
        kit.Run(Dusk, Dusk.AddHours(1), TimeSpan.FromSeconds(5), t => Truth(t) * (1 + (0.25 * ((random.NextDouble() * 2) - 1))));

        var trueCross = Dusk.AddHours(Math.Log(200.0 / 16) / Math.Log(200));
        var light = kit.LightEvents();
        Assert.Equal(["light.off", "light.on"], light.Select(e => e.Type));
        Assert.Equal("photocell", light[1].Data["cause"]);
        Assert.InRange(light[1].Timestamp, trueCross.AddMinutes(-2), trueCross.AddMinutes(5));
        Assert.Equal(100, kit.Level);
    }

    [Fact]
    public void Decide_TwoSecondFlashesAtNight_NeverSwitchOff()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        var night = new DateTimeOffset(2026, 10, 5, 21, 0, 0, TimeSpan.Zero);

        // Headlights or lightning: 2 s of 5000 lx every 30 s, otherwise 2 lx; a sample every second.
        kit.Run(night, night.AddHours(1), TimeSpan.FromSeconds(1), t => (t - night).TotalSeconds % 30 is >= 10 and < 12 ? 5000 : 2);

        Assert.Equal(["light.on"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal(100, kit.Level);
    }

    [Fact]
    public void Decide_DarkStormByDayInPhotocellMode_SwitchesOnAfterDelayAndOffAfterIt()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        var noon = new DateTimeOffset(2026, 7, 10, 10, 0, 0, TimeSpan.Zero);
        var stormFrom = noon.AddMinutes(10);
        var stormTo = noon.AddMinutes(30);

        kit.Run(noon, noon.AddHours(1), TimeSpan.FromSeconds(5), t => t >= stormFrom && t < stormTo ? 5 : 20000);

        var light = kit.LightEvents();
        Assert.Equal(["light.off", "light.on", "light.off"], light.Select(e => e.Type));
        Assert.Equal(stormFrom.AddSeconds(60), light[1].Timestamp);
        Assert.Equal(stormTo.AddSeconds(60), light[2].Timestamp);
        Assert.All(light.Skip(1), e => Assert.Equal("photocell", e.Data["cause"]));
    }

    [Fact]
    public void Decide_DarkStormByDayInAstroAndSensorMode_ClockKeepsLampsOff()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.AstroAndSensor));
        var noon = new DateTimeOffset(2026, 7, 10, 10, 0, 0, TimeSpan.Zero);

        kit.Run(noon, noon.AddHours(1), TimeSpan.FromSeconds(5), t => t >= noon.AddMinutes(10) ? 5 : 20000);

        Assert.Equal(["light.off"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal(LightingStrategy.AstroAndSensor, kit.State.Strategy);
    }

    [Fact]
    public void Decide_AstroAndSensorDarkInsideWindowBeforeSunset_PhotocellSwitchesOnEarly()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.AstroAndSensor));
        var sunset = LightingKit.Sun(new DateOnly(2026, 10, 5)).Sunset.Utc!.Value;
        var darkFrom = sunset.AddMinutes(-20);

        kit.Run(sunset.AddHours(-2), sunset, TimeSpan.FromSeconds(5), t => t >= darkFrom ? 8 : 3000);

        var on = Assert.Single(kit.EventsOf("light.on"));
        Assert.Equal(darkFrom.AddSeconds(60), on.Timestamp);
        Assert.Equal("photocell", on.Data["cause"]);
    }

    [Fact]
    public void Decide_AstroAndSensorBrightSensorAtMidnight_ClockKeepsLampsOn()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.AstroAndSensor));
        var midnight = new DateTimeOffset(2026, 10, 5, 21, 0, 0, TimeSpan.Zero);

        // A floodlight on the sensor (or a fault reading high) must not darken the street outside the window.
        kit.Run(midnight, midnight.AddHours(2), TimeSpan.FromSeconds(5), _ => 3000);

        Assert.Equal(["light.on"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal("astro", kit.LightEvents()[0].Data["cause"]);
    }

    [Fact]
    public void Decide_AstroModeAroundSunsetWithOffset_SwitchesOnAtSunsetPlusOffset()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro) with { AstroOnOffsetMin = 10, AstroOffOffsetMin = -15 });
        var date = new DateOnly(2026, 11, 26);
        var onAt = LightingKit.Sun(date).Sunset.Utc!.Value.AddMinutes(10);
        var offAt = LightingKit.Sun(date.AddDays(1)).Sunrise.Utc!.Value.AddMinutes(-15);

        Assert.Equal(0, kit.Step(onAt.AddSeconds(-1), null).Level);
        Assert.Equal(100, kit.Step(onAt, null).Level);
        Assert.Equal(100, kit.Step(offAt.AddSeconds(-1), null).Level);
        Assert.Equal(0, kit.Step(offAt, null).Level);
        Assert.Equal(["light.off", "light.on", "light.off"], kit.LightEvents().Select(e => e.Type));
        Assert.All(kit.LightEvents(), e => Assert.Equal("astro", e.Data["cause"]));
    }

    [Fact]
    public void Decide_HeadlightsEvery30sAtDusk_StillSwitchesOnAfterDelay()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        var dark = Dusk.AddMinutes(5);

        // Daylight, then 5 lx from `dark` on, with 2-s headlights every 30 s: a strict "continuously below" rule
        // would never switch on; 2 s is within the 5-s flash tolerance.
        kit.Run(Dusk, Dusk.AddMinutes(15), TimeSpan.FromSeconds(1), t =>
            t < dark ? 3000 : (t - dark).TotalSeconds % 30 is >= 20 and < 22 ? 4000 : 5);

        var on = Assert.Single(kit.EventsOf("light.on"));
        Assert.Equal(dark.AddSeconds(60), on.Timestamp);
    }
}
