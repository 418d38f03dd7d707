using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LampGroupControllerOverrideTests
{
    private static readonly DateTimeOffset Noon = LightingKit.Local(2026, 11, 26, 12, 0);

    [Fact]
    public void ApplyOverride_ByDay_HoldsLevelUntilExpiryThenBackToClock()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro));
        kit.Step(Noon, null);

        kit.State = kit.Controller.ApplyOverride(kit.State, new OverrideRequest("g1", 30, 600), Noon.AddSeconds(1));
        kit.Step(Noon.AddSeconds(2), null);
        kit.Step(Noon.AddSeconds(600), null);
        var heldLevel = kit.Level;
        kit.Step(Noon.AddSeconds(601), null);

        Assert.Equal(30, heldLevel);
        Assert.Equal(0, kit.Level);
        var light = kit.LightEvents();
        Assert.Equal(["light.off", "light.on", "light.off"], light.Select(e => e.Type));
        Assert.Equal(["astro", "override", "astro"], light.Select(e => (string)e.Data["cause"]!));
        Assert.Null(kit.State.Override);
    }

    [Fact]
    public void ApplyOverride_NewestReplacesPrevious_IncludingItsExpiry()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro));
        kit.Step(Noon, null);

        kit.State = kit.Controller.ApplyOverride(kit.State, new OverrideRequest("g1", 80, 3600), Noon);
        kit.Step(Noon.AddSeconds(1), null);
        kit.State = kit.Controller.ApplyOverride(kit.State, new OverrideRequest("g1", 20, 60), Noon.AddSeconds(2));
        kit.Step(Noon.AddSeconds(3), null);
        var second = kit.Level;
        kit.Step(Noon.AddSeconds(62), null);

        Assert.Equal(20, second);
        Assert.Equal(0, kit.Level);
        Assert.Equal([0, 80, 20, 0], kit.LightEvents().Select(e => (int)e.Data["level"]!));
    }

    [Fact]
    public void Release_AtNight_ReturnsToProgramLevel()
    {
        var dim = new ProgramRule { Steps = [new ProgramStep { From = "22:00", To = "05:00", Level = 40 }] };
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro) with { Program = [dim] });
        var night = LightingKit.Local(2026, 11, 26, 23, 0);
        kit.Step(night, null);

        kit.State = kit.Controller.ApplyOverride(kit.State, new OverrideRequest("g1", 0, 86400), night);
        kit.Step(night.AddSeconds(1), null);
        kit.State = kit.Controller.Release(kit.State);
        kit.Step(night.AddSeconds(2), null);

        Assert.Equal(40, kit.Level);
        Assert.Equal(["light.on", "light.off", "light.on"], kit.LightEvents().Select(e => e.Type));
        Assert.Equal(["astro", "override", "program"], kit.LightEvents().Select(e => (string)e.Data["cause"]!));
    }

    [Fact]
    public void ApplyOverride_OtherGroup_Throws()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro));

        Assert.Throws<ArgumentException>(() => kit.Controller.ApplyOverride(kit.State, new OverrideRequest("g2", 50, 60), Noon));
    }

    [Fact]
    public void ApplyOverride_DuringFailsafe_OverrideWins()
    {
        var kit = new LightingKit(LightingKit.Options(LightingMode.Astro));
        kit.Step(Noon, null, clock: false);
        kit.State = kit.Controller.ApplyOverride(kit.State, new OverrideRequest("g1", 10, 60), Noon);

        kit.Step(Noon.AddSeconds(1), null, clock: false);

        Assert.Equal(10, kit.Level);
        Assert.Equal(LightCause.Override, kit.State.Cause);
    }
}
