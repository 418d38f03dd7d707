using EdgeGateway.Runtime.Astro;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Unit")]
public sealed class LampGroupOptionsTests
{
    [Fact]
    public void Validate_Defaults_OnlyIdMissing()
    {
        var errors = new LampGroupOptions().Validate();

        Assert.StartsWith("id:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryBadValue_ErrorNamesItsKey()
    {
        var options = new LampGroupOptions
        {
            Id = "g1",
            OnLevelLux = 50,
            OffLevelLux = 20,
            OnDelayS = -1,
            AstroOnEvent = SolarEventKind.Sunrise,
            AstroOffOffsetMin = 500,
            FailSafeLevel = 0,
            NominalPowerW = -5,
            FailureFraction = 1.5,
            Program = [new ProgramRule { Steps = [new ProgramStep { From = "dusk", To = "05:00" }] }],
        };

        var keys = options.Validate().Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).ToList();

        Assert.Equal(
            ["offLevelLux", "onDelayS", "astroOnEvent", "astroOffOffsetMin", "failSafeLevel", "nominalPowerW", "failureFraction", "program[0].steps[0].from"],
            keys);
    }

    [Fact]
    public void Constructor_BadOptionsOrZone_ThrowsListingErrors()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new LampGroupController(new LampGroupOptions { Id = "g1", FailSafeLevel = 0 }, new SiteLocation(44, 26, "Mars/Olympus")));

        Assert.Contains("failSafeLevel", ex.Message);
        Assert.Contains("timeZone", ex.Message);
    }
}
