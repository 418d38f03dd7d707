using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LampGroupControllerProgramTests
{
    private static readonly ProgramRule Nightly = new()
    {
        Steps =
        [
            new ProgramStep { From = "sunset+0", To = "23:00", Level = 100 },
            new ProgramStep { From = "23:00", To = "05:00", Level = 50 },
            new ProgramStep { From = "05:00", To = "sunrise", Level = 100 },
        ],
    };

    public static TheoryData<int, int, int, string, string> Nights => new()
    {
        // Evening date; the 23:00 and 05:00 instants with the offsets in force at each.
        { 2026, 3, 28, "2026-03-28T23:00:00+02:00", "2026-03-29T05:00:00+03:00" },  // spring forward 03:00 -> 04:00
        { 2026, 10, 24, "2026-10-24T23:00:00+03:00", "2026-10-25T05:00:00+02:00" }, // fall back 04:00 -> 03:00
        { 2026, 11, 26, "2026-11-26T23:00:00+02:00", "2026-11-27T05:00:00+02:00" }, // an ordinary winter night
    };

    [Theory]
    [MemberData(nameof(Nights))]
    public void Decide_23To05StepAcrossMidnightAndDst_HoldsExactLocalBoundaries(int y, int m, int d, string dimAt, string brightAt)
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro) with { Program = [Nightly] });
        var evening = new DateOnly(y, m, d);
        var noon = new DateTimeOffset(evening.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

        // Minute steps over the whole night: UTC minutes are local minutes, the zone's offsets being whole hours.
        kit.Run(noon, noon.AddDays(1), TimeSpan.FromMinutes(1), _ => null);

        var light = kit.LightEvents();
        Assert.Equal(["light.off", "light.on", "light.level", "light.level", "light.off"], light.Select(e => e.Type));
        Assert.Equal(DateTimeOffset.Parse(dimAt, System.Globalization.CultureInfo.InvariantCulture), light[2].Timestamp);
        Assert.Equal(DateTimeOffset.Parse(brightAt, System.Globalization.CultureInfo.InvariantCulture), light[3].Timestamp);
        Assert.Equal([0, 100, 50, 100, 0], light.Select(e => (int)e.Data["level"]!));
        Assert.Equal(["astro", "astro", "program", "program", "astro"], light.Select(e => (string)e.Data["cause"]!));
        Assert.InRange(light[1].Timestamp - LightingKit.Sun(evening).Sunset.Utc!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Decide_ClockNotTrusted_IgnoresProgramAndBurnsFull()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro) with { Program = [Nightly] });
        var oneAm = LightingKit.Local(2026, 11, 27, 1, 0);

        // No trusted clock: the photocell decides and the program's times cannot be trusted either.
        kit.Step(oneAm, 2, clock: false);

        Assert.Equal(100, kit.Level);
        Assert.Equal(LightingStrategy.Photocell, kit.State.Strategy);
    }

    [Fact]
    public void Decide_ProgramStepAtZero_SwitchesOffPartNightAndBackOn()
    {
        var partNight = new ProgramRule { Steps = [new ProgramStep { From = "01:00", To = "04:30", Level = 0 }] };
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro) with { Program = [partNight] });

        kit.Run(LightingKit.Local(2026, 11, 26, 20, 0), LightingKit.Local(2026, 11, 27, 6, 0), TimeSpan.FromMinutes(1), _ => null);

        var light = kit.LightEvents();
        Assert.Equal(["light.on", "light.off", "light.on"], light.Select(e => e.Type));
        Assert.Equal(LightingKit.Local(2026, 11, 27, 1, 0), light[1].Timestamp);
        Assert.Equal(LightingKit.Local(2026, 11, 27, 4, 30), light[2].Timestamp);
        Assert.Equal("program", light[2].Data["cause"]);
    }
}
