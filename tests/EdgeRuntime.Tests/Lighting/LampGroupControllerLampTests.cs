using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LampGroupControllerLampTests
{
    private static readonly DateTimeOffset Night = LightingKit.Local(2026, 11, 26, 20, 0);

    private static LampGroupOptions Metered => LightingKit.Options(LightingMode.Astro) with
    {
        NominalPowerW = 1000,
        FailureFraction = 0.5,
        FailureTimeS = 300,
        RecoveryTimeS = 60,
    };

    [Fact]
    public void Decide_PowerLowForFailureTime_LampFailureOnceThenRecovered()
    {
        var kit = new LightingKit(Metered);
        var failAt = Night.AddMinutes(10);
        var fixedAt = Night.AddMinutes(40);

        kit.Run(Night, Night.AddHours(1), TimeSpan.FromSeconds(10), _ => null,
            watts: t => t >= failAt && t < fixedAt ? 120 : 980);

        var failure = Assert.Single(kit.EventsOf("lamp.failure"));
        var recovered = Assert.Single(kit.EventsOf("lamp.recovered"));
        Assert.Equal(failAt.AddSeconds(300), failure.Timestamp);
        Assert.Equal(Severity.Warning, failure.Severity);
        Assert.Equal("g1", failure.Data["group"]);
        Assert.Equal(fixedAt.AddSeconds(60), recovered.Timestamp);
        Assert.False(kit.State.Health.Failed);
    }

    [Fact]
    public void Decide_DimmedToHalfDrawingHalf_NoFailure()
    {
        var dim = new ProgramRule { Steps = [new ProgramStep { From = "20:00", To = "06:00", Level = 50 }] };
        var kit = new LightingKit(Metered with { Program = [dim] });

        kit.Run(Night, Night.AddHours(1), TimeSpan.FromSeconds(10), _ => null, watts: _ => 480);

        Assert.Empty(kit.EventsOf("lamp.failure"));
        Assert.Equal(50, kit.Level);
    }

    [Fact]
    public void Decide_LowPowerBrokenByBadSamples_StillDetectedAndBadNeverCountsAsZero()
    {
        var kit = new LightingKit(Metered);
        kit.Step(Night, null, watts: 1000);

        // Meter timeouts (bad quality, value stale) while the lamps are fine must not raise a failure.
        for (var t = Night.AddSeconds(10); t < Night.AddMinutes(20); t += TimeSpan.FromSeconds(10))
        {
            kit.StepWith(t, new LampGroupInputs(null, true, LightingKit.Power(t, 0, Quality.Bad)));
        }

        Assert.Empty(kit.EventsOf("lamp.failure"));
    }

    [Fact]
    public void Decide_LampsOffByDay_NoFailureFromZeroPower()
    {
        var kit = new LightingKit(Metered);
        var day = LightingKit.Local(2026, 11, 26, 10, 0);

        kit.Run(day, day.AddHours(1), TimeSpan.FromSeconds(10), _ => null, watts: _ => 0);

        Assert.Empty(kit.EventsOf("lamp.failure"));
    }

    [Fact]
    public void Decide_OneNight_CountsBurningHoursSwitchOnsAndEnergy()
    {
        var kit = new LightingKit(Metered);
        var from = LightingKit.Local(2026, 11, 26, 12, 0);
        var sunset = LightingKit.Sun(new DateOnly(2026, 11, 26)).Sunset.Utc!.Value;
        var sunrise = LightingKit.Sun(new DateOnly(2026, 11, 27)).Sunrise.Utc!.Value;

        // Measured 500 W whenever lit; nothing by day.
        kit.Run(from, from.AddDays(1), TimeSpan.FromMinutes(1), _ => null, watts: _ => kit.Level > 0 ? 500 : 0);

        var night = (sunrise - sunset).TotalHours;
        Assert.Equal(1, kit.State.Counters.SwitchOnCount);
        Assert.InRange(kit.State.Counters.BurningHours, night - (2 / 60.0), night + (2 / 60.0));
        Assert.InRange(kit.State.Counters.EnergyWh, (500 * night) - 20, (500 * night) + 20);
    }

    [Fact]
    public void Decide_NoMeter_EnergyEstimatedFromNominalAndLevel()
    {
        var kit = new LightingKit(Metered with { NominalPowerW = 200 });
        var night = LightingKit.Local(2026, 11, 26, 22, 0);
        kit.State = LampGroupState.WithCounters(new LampCounters(3600, 5, 100));

        kit.Run(night, night.AddHours(1).AddMinutes(1), TimeSpan.FromMinutes(1), _ => null);

        Assert.Equal(3600 + 3600, kit.State.Counters.BurningSeconds, 3);
        Assert.Equal(100 + 200, kit.State.Counters.EnergyWh, 3);
        Assert.Equal(5, kit.State.Counters.SwitchOnCount);
    }
}
