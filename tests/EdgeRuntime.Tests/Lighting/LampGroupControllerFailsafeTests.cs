using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LampGroupControllerFailsafeTests
{
    private static readonly DateTimeOffset Night = LightingKit.Local(2026, 11, 26, 22, 0);

    [Fact]
    public void Decide_SensorFailsAtNightInPhotocellMode_AstroTakesOverAndStaysLit()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        kit.Run(Night, Night.AddMinutes(10), TimeSpan.FromSeconds(5), _ => 2);

        // The sensor goes silent (bus error: bad readings carrying the last value), then stays away for hours.
        for (var t = Night.AddMinutes(10); t < Night.AddHours(4); t += TimeSpan.FromSeconds(5))
        {
            kit.StepWith(t, new LampGroupInputs(LightingKit.Lux(t, 2, Quality.Bad), ClockSynced: true));
        }

        Assert.Equal(["light.on"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal(100, kit.Level);
        Assert.Equal(LightingStrategy.Astro, kit.State.Strategy);
        Assert.False(kit.State.SensorOk);
    }

    [Fact]
    public void Decide_SensorStaleByDay_AstroTurnsOffAndSensorReturnResumesPhotocell()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        var day = LightingKit.Local(2026, 11, 26, 11, 0);
        kit.Step(day, 20000);

        kit.Step(day.AddSeconds(61), null);
        var strategyWhileStale = kit.State.Strategy;
        kit.Step(day.AddSeconds(65), 20000);

        Assert.Equal(LightingStrategy.Astro, strategyWhileStale);
        Assert.Equal(LightingStrategy.Photocell, kit.State.Strategy);
        Assert.Equal(0, kit.Level);
    }

    [Fact]
    public void Decide_SensorDropsOutAtDawnClockSwitchesOffSensorReturnsBright_NoSwitchBackOn()
    {
        // Dark all night; the sensor goes silent before sunrise for longer than SensorMaxAgeS, the clock switches
        // off at sunrise; the sensor comes back at 95 lx. Its state from before the dropout (dark) must not
        // relight the street: the photocell restarts from the lamps' state and what it reads now.
        var kit = new LightingKit(LightingKit.Options(LightingMode.Photocell));
        var sunrise = LightingKit.Sun(new DateOnly(2026, 11, 27)).Sunrise.Utc!.Value;
        kit.Run(sunrise.AddMinutes(-40), sunrise.AddMinutes(-20), TimeSpan.FromSeconds(5), _ => 1);
        kit.Run(sunrise.AddMinutes(-20), sunrise.AddMinutes(5), TimeSpan.FromSeconds(5), _ => null);
        kit.Run(sunrise.AddMinutes(5), sunrise.AddMinutes(30), TimeSpan.FromSeconds(5), _ => 95);

        Assert.Equal(["light.on", "light.off"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal("astro", kit.LightEvents()[1].Data["cause"]);
        Assert.Equal(0, kit.Level);
    }

    [Fact]
    public void Decide_FailsafeAtNightThenSensorReturnsDark_StaysLitWithoutASwitch()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.AstroAndSensor));
        kit.Run(Night, Night.AddMinutes(5), TimeSpan.FromSeconds(5), _ => 2);
        kit.Run(Night.AddMinutes(5), Night.AddMinutes(15), TimeSpan.FromSeconds(5), _ => null, clock: false);

        kit.Run(Night.AddMinutes(15), Night.AddMinutes(30), TimeSpan.FromSeconds(5), _ => 2, clock: false);

        Assert.Equal(["light.on"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal(100, kit.Level);
        Assert.Equal(LightingStrategy.Photocell, kit.State.Strategy);
    }

    [Fact]
    public void Decide_SensorAndClockBothFailByDay_FailsafeFullLight()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.AstroAndSensor));
        var day = LightingKit.Local(2026, 11, 26, 11, 0);
        kit.Step(day, 20000);

        var output = kit.Step(day.AddMinutes(5), null, clock: false);

        Assert.Equal(100, output.Level);
        var e = Assert.Single(output.Events);
        Assert.Equal("light.on", e.Type);
        Assert.Equal("failsafe", e.Data["cause"]);
        Assert.Equal(Severity.Warning, e.Severity);
        Assert.Equal(LightingStrategy.Failsafe, kit.State.Strategy);
    }

    [Fact]
    public void Decide_BothFailWithConfiguredLevel_UsesGroupFailsafeLevel()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro) with { FailSafeLevel = 70 });

        Assert.Equal(70, kit.Step(Night, null, clock: false).Level);
    }

    [Fact]
    public void Decide_ClockUntrustedInAstroMode_PhotocellAloneDecides()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro));

        // Midnight by the (untrusted) clock, but the sensor sees daylight: the clock may be hours off.
        kit.Step(Night, 20000, clock: false);

        Assert.Equal(0, kit.Level);
        Assert.Equal(LightingStrategy.Photocell, kit.State.Strategy);
        Assert.Equal("photocell", kit.LightEvents().Single().Data["cause"]);
    }

    [Fact]
    public void Status_AfterDecision_ReportsStrategyLevelAndNextSwitch()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro));
        var day = LightingKit.Local(2026, 11, 26, 11, 0);
        kit.Step(day, null);

        var status = kit.Controller.Status(kit.State, day);

        Assert.Equal("g1", status.Group);
        Assert.Equal(0, status.Level);
        Assert.Equal(LightingStrategy.Astro, status.Strategy);
        Assert.Equal(LightingKit.Sun(new DateOnly(2026, 11, 26)).Sunset.Utc, status.NextAstroOn);
        Assert.Equal(LightingKit.Sun(new DateOnly(2026, 11, 27)).Sunrise.Utc, status.NextAstroOff);
    }
}
